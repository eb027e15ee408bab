using ChatOpsReply.Accountability;
using ChatOpsReply.Cards;
using ChatOpsReply.Guidelines;

namespace ChatOpsReply.Posts;

/// <summary>
/// Turns a post into the platform-neutral card every surface renders: what the customer
/// said, who is accountable, how much SLA time is left, and the buttons that fit.
/// </summary>
public sealed class PostCardBuilder(
    AccountabilityPolicy policy,
    PostWorkflow workflow,
    ReplyGuidelines guidelines,
    ConsoleLinks links,
    IAnswerSuggestions suggestions,
    TimeProvider time)
{
    /// <summary>The label of the draft's answer choice, wherever a surface shows it.</summary>
    public const string AnswerChoiceLabel = "Start from an approved answer";

    /// <param name="viewer">
    /// The person looking, whose buttons are exactly what they may use; null for a message
    /// everyone sees (a Slack channel), which offers what the state allows and lets the
    /// workflow refuse a click with its reason.
    /// </param>
    public CardModel Build(CustomerPost post, Person? viewer)
    {
        ArgumentNullException.ThrowIfNull(post);
        var queue = policy.Queue(post.Queue);
        var now = time.GetUtcNow();
        var triggers = viewer is null ? PostWorkflow.OfferedIn(post.State) : workflow.AvailableTo(post, viewer);
        return new CardModel
        {
            PostId = post.Id,
            SourceLabel = SourceLabel(post.Source),
            Author = new CardAuthor(post.Author.Handle, post.Author.DisplayName),
            Text = post.Text,
            Url = post.Url,
            ConsoleUrl = links.Post(post.Id),
            StateLabel = PostLabels.State(post.State),
            Tone = Tone(post, now),
            Badges = Badges(post, now),
            Facts = Facts(post, queue, now),
            FollowUps = [.. post.FollowUps.Select(f => new CardNote(f.At, f.Text))],
            Draft = Draft(post),
            Actions = [.. triggers.Select(t => Action(post, queue, t))],
        };
    }

    public static string SourceLabel(string source) => source.ToLowerInvariant() switch
    {
        "x" or "twitter" => "X",
        "facebook" => "Facebook",
        "instagram" => "Instagram",
        "sms" => "SMS",
        "email" => "E-mail",
        _ => source,
    };

    private static CardTone Tone(CustomerPost post, DateTimeOffset now) => post.State switch
    {
        PostState.Crisis => CardTone.Attention,
        PostState.Sent or PostState.Closed or PostState.Dismissed => CardTone.Good,
        _ when post.NextSlaDueAt < now => CardTone.Attention,
        _ when post.Sensitivity is not null => CardTone.Warning,
        _ => CardTone.Neutral,
    };

    private List<CardBadge> Badges(CustomerPost post, DateTimeOffset now)
    {
        var badges = new List<CardBadge>();
        if (post.State == PostState.Crisis)
        {
            badges.Add(new CardBadge("Crisis", CardTone.Attention));
        }

        if (post.Sensitivity is { } sensitivity)
        {
            badges.Add(new CardBadge($"Sensitive: {sensitivity}", CardTone.Warning));
        }

        if (post.NextSlaDueAt < now)
        {
            badges.Add(new CardBadge("Overdue", CardTone.Attention));
        }

        if (post.IsActive && guidelines.IsHeated(post))
        {
            badges.Add(new CardBadge("Heated", CardTone.Warning));
        }

        return badges;
    }

    private List<CardFact> Facts(CustomerPost post, Queue queue, DateTimeOffset now)
    {
        var facts = new List<CardFact>
        {
            new("Queue", $"{queue.DisplayName} · {queue.TierAt(post.Tier).Name}"),
            new("Owner", post.Owner is null ? "nobody yet" : policy.People.NameOf(post.Owner)),
        };
        if (post.ClaimDueAt is { } claimDue)
        {
            facts.Add(new CardFact("Claim", TimeLeft(claimDue, now)));
        }

        if (post.ReplyDueAt is { } replyDue)
        {
            facts.Add(new CardFact("Reply", TimeLeft(replyDue, now)));
        }

        facts.Add(new CardFact("Received", $"{post.ReceivedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC"));
        if (post.SlaBreaches > 0)
        {
            facts.Add(new CardFact("SLA missed", post.SlaBreaches == 1 ? "once" : $"{post.SlaBreaches} times"));
        }

        if (post.DismissReason is { } reason && post.State == PostState.Dismissed)
        {
            facts.Add(new CardFact("Dismissed", reason));
        }

        if (post.Replies.Count > 0)
        {
            var last = post.Replies[^1];
            facts.Add(new CardFact("Replied", $"{policy.People.NameOf(last.SentBy)}: {last.Text}"));
        }

        return facts;
    }

    private static string TimeLeft(DateTimeOffset due, DateTimeOffset now) =>
        due >= now ? $"within {PostLabels.Duration(due - now)}" : $"overdue by {PostLabels.Duration(now - due)}";

    private CardDraft? Draft(CustomerPost post)
    {
        if (post.Draft is not { } draft)
        {
            return null;
        }

        var last = post.Approvals.Count > 0 ? post.Approvals[^1] : null;
        var status = (post.State, last) switch
        {
            (PostState.AwaitingApproval, _) => $"waiting for {policy.Sensitivity(post.Sensitivity)?.ApproverRole ?? Roles.Legal} to approve",
            (PostState.Approved, { Approved: true }) => $"approved by {policy.People.NameOf(last.ApproverId)}",
            (PostState.Approved, _) => "ready to send",
            (_, { Approved: false }) => $"changes requested by {policy.People.NameOf(last.ApproverId)}: {last.Comment}",
            _ => null,
        };
        return new CardDraft(draft.Text, policy.People.NameOf(draft.DraftedBy), status);
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

    private CardAction Action(CustomerPost post, Queue queue, PostTrigger trigger)
    {
        var id = trigger.ToString();
        var label = PostLabels.Button(trigger);
        return trigger switch
        {
            PostTrigger.Claim or PostTrigger.Approve or PostTrigger.Send => new CardAction(id, label, CardActionStyle.Primary),
            PostTrigger.SubmitDraft => new CardAction(id, post.Sensitivity is null ? label : "Submit for approval", CardActionStyle.Primary)
            {
                Inputs =
                [
                    .. AnswerChoice(post),
                    new CardInput(CommandInputFields.Text, $"Reply to {post.Author.FirstName}")
                    {
                        Multiline = true,
                        MaxLength = 2000,
                        Initial = OfferedReply(post),
                    },
                ],
            },
            PostTrigger.RequestChanges => new CardAction(id, label) { Inputs = [new CardInput(CommandInputFields.Comment, "What should change?")] },
            PostTrigger.Dismiss => new CardAction(id, label) { Inputs = [new CardInput(CommandInputFields.Comment, "Why does it need no reply?")] },
            PostTrigger.Reassign => new CardAction(id, label)
            {
                Inputs =
                [
                    new CardInput(CommandInputFields.AssignTo, "Hand to")
                    {
                        Choices = [.. policy.People.All
                            .Where(p => queue.IsInTierOrAbove(p, post.Tier) && !string.Equals(p.Id, post.Owner, StringComparison.OrdinalIgnoreCase))
                            .OrderBy(p => p.Name, StringComparer.CurrentCulture)
                            .Select(p => new CardChoice(p.Id, p.Name))],
                    },
                ],
            },
            PostTrigger.DeclareCrisis => new CardAction(id, label, CardActionStyle.Danger)
            {
                Inputs = [new CardInput(CommandInputFields.Comment, "What is going on?") { Required = false }],
            },
            PostTrigger.ResolveCrisis => new CardAction(id, label) { Inputs = [new CardInput(CommandInputFields.Comment, "How was it resolved?") { Required = false }] },
            _ => new CardAction(id, label),
        };
    }
}
