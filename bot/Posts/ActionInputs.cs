using ChatOpsReply.Accountability;
using ChatOpsReply.Cards;

namespace ChatOpsReply.Posts;

/// <summary>
/// What each action asks of the person on a given post: the reply box (offered with the
/// library's best answers), a reason, whom to hand it to. Every surface asks the same, and a
/// surface that must decide whether a click opens a form asks here, not a rendered card.
/// </summary>
public sealed class ActionInputs(AccountabilityPolicy policy, IAnswerSuggestions suggestions)
{
    /// <summary>The label of the draft's answer choice, wherever a surface shows it.</summary>
    public const string AnswerChoiceLabel = "Start from an approved answer";

    /// <summary>The inputs the action asks on this post; none for a plain button.</summary>
    public IReadOnlyList<CardInput> For(CustomerPost post, PostTrigger trigger)
    {
        ArgumentNullException.ThrowIfNull(post);
        return trigger switch
        {
            PostTrigger.SubmitDraft =>
            [
                .. AnswerChoice(post),
                new CardInput(CommandInputFields.Text, $"Reply to {post.Author.FirstName}")
                {
                    Multiline = true,
                    MaxLength = 2000,
                    Initial = OfferedReply(post),
                },
            ],
            PostTrigger.RequestChanges => [new CardInput(CommandInputFields.Comment, "What should change?")],
            PostTrigger.Dismiss => [new CardInput(CommandInputFields.Comment, "Why does it need no reply?")],
            PostTrigger.Reassign => [new CardInput(CommandInputFields.AssignTo, "Hand to") { Choices = HandOverChoices(post) }],
            PostTrigger.DeclareCrisis => [new CardInput(CommandInputFields.Comment, "What is going on?") { Required = false }],
            PostTrigger.ResolveCrisis => [new CardInput(CommandInputFields.Comment, "How was it resolved?") { Required = false }],
            PostTrigger.Resend when post.Replies is [.., { Delivery.Status: ReplyDeliveryStatus.Unknown }] => [CheckedChoice(post)],
            PostTrigger.RecordConsent => [new CardInput(CommandInputFields.Comment, $"How did {post.Author.FirstName} agree to texts? (a call, a signed form…)") { MaxLength = 500 }],
            _ => [],
        };
    }

    /// <summary>What the reply box holds when the form opens: the last draft, or a greeting with the customer's first name.</summary>
    public static string OfferedReply(CustomerPost post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return post.Draft?.Text ?? $"Hi {post.Author.FirstName}, ";
    }

    /// <summary>The library's best approved answers for this post, to start a reply from; none when nothing fits.</summary>
    private IEnumerable<CardInput> AnswerChoice(CustomerPost post)
    {
        var choices = suggestions.Suggest(post);
        if (choices.Count == 0)
        {
            yield break;
        }

        var current = post.Draft?.Answer?.AnswerId;
        yield return new CardInput(CommandInputFields.AnswerId, AnswerChoiceLabel)
        {
            Required = false,
            Placeholder = "Choose an answer",
            Choices = choices,
            Initial = choices.Any(c => c.Value == current) ? current : null,
        };
    }

    /// <summary>After an unknown outcome, what the owner found when they looked: the reply is sent again only if it is not there.</summary>
    private static CardInput CheckedChoice(CustomerPost post)
    {
        var source = PostLabels.Source(post.Source);
        return new CardInput(CommandInputFields.Checked, $"Look on {source} first: did {post.Author.FirstName} get the reply?")
        {
            // No answer chosen for them: the workflow refuses a resend nobody said they checked.
            Required = false,
            Placeholder = "What you found",
            Choices =
            [
                new CardChoice(CommandInputFields.NotThere, $"It is not on {source}: send it again"),
                new CardChoice(CommandInputFields.Arrived, "It is there: record it as sent"),
            ],
        };
    }

    private List<CardChoice> HandOverChoices(CustomerPost post)
    {
        var queue = policy.Queue(post.Queue);
        return [.. policy.People.All
            .Where(p => queue.IsInTierOrAbove(p, post.Tier) && !string.Equals(p.Id, post.Owner, StringComparison.OrdinalIgnoreCase))
            .OrderBy(p => p.Name, StringComparer.CurrentCulture)
            .Select(p => new CardChoice(p.Id, p.Name))];
    }
}
