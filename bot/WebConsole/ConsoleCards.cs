using ChatOpsReply.Accountability;
using ChatOpsReply.Cards;
using ChatOpsReply.Posts;
using ChatOpsReply.WebConsole.Drafts;

namespace ChatOpsReply.WebConsole;

/// <summary>
/// A post's card as the console shows it to one person: the buttons they may use, labelled for
/// what they do, the reply box holding the newest words anyone typed for it, the SLA clock, the
/// refusal of their last click on it, and the panic button's warning.
/// </summary>
public sealed class ConsoleCards(PostCardBuilder cards, AccountabilityPolicy policy)
{
    /// <summary>A card ready for <see cref="HtmlCardRenderer"/>, with what the page around it needs.</summary>
    public sealed record Rendered(CardModel Card, HtmlCardOptions Options, WorkingDraft? UnsentDraft);

    /// <param name="retyped">What the person sent with a refused click (a reason, a comment), put back in its box.</param>
    public Rendered Build(CustomerPost post, Person viewer, IReadOnlyList<WorkingDraft> drafts, CardRefusal? refusal, string returnTo, string antiforgeryField, string antiforgeryToken, bool onItsPage = false, string? selectForm = null, Func<string, string?>? retyped = null)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(drafts);
        var path = $"/console/posts/{Uri.EscapeDataString(post.Id)}";
        var (text, note, answer) = StartingReply(post, viewer, drafts);
        var card = cards.Build(post, viewer);
        var actions = card.Actions.Select(action => Labelled(post, action, text, answer)).Select(action => retyped is not null && action.Id == refusal?.ActionId
            ? action with { Inputs = [.. action.Inputs.Select(input => input.Id != CommandInputFields.Text && retyped(input.Id) is { Length: > 0 } value ? input with { Initial = value } : input)] }
            : action).ToList();
        card = card with { ConsoleUrl = onItsPage ? null : path, Actions = actions };
        var own = drafts.FirstOrDefault(d => d.PersonId == viewer.Id);
        var offersReply = actions.Any(a => a.Id == nameof(PostTrigger.SubmitDraft));
        var options = new HtmlCardOptions
        {
            // A fresh key per rendered form: submitting the same form twice is applied once.
            FormAction = _ => $"{path}/actions?key={Guid.NewGuid():N}",
            HiddenFields = new Dictionary<string, string> { [antiforgeryField] = antiforgeryToken, ["returnTo"] = returnTo },
            Refusal = refusal,
            Confirmations = new Dictionary<string, string> { [nameof(PostTrigger.DeclareCrisis)] = PanicWarning() },
            CheckUrl = $"{path}/check",
            DraftUrl = $"{path}/draft",
            DraftNote = note,
            Deadline = Deadline(post),
            SelectForm = selectForm,
        };
        // Words the person typed that this card no longer has a box for (someone else claimed it, it was sent): kept in sight.
        return new Rendered(card, options, !offersReply && own is not null && own.Text != post.Draft?.Text ? own : null);
    }

    /// <summary>
    /// What the reply box starts with: the newest words anyone wrote for this reply (a draft being
    /// typed, or the reply last submitted), so a reload or a hand-over continues where they stopped.
    /// </summary>
    public (string Text, string? Note, WorkingDraft? Answer) StartingReply(CustomerPost post, Person viewer, IReadOnlyList<WorkingDraft> drafts)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(drafts);
        var newest = drafts.Count > 0 ? drafts[0] : null;
        if (newest is not null && (post.Draft is null || newest.SavedAt > post.Draft.At))
        {
            var note = newest.PersonId == viewer.Id ? null : $"{policy.People.NameOf(newest.PersonId)}'s unsent draft, saved {newest.SavedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC.";
            return (newest.Text, note, newest.AnswerId is null ? null : newest);
        }

        return (ActionInputs.OfferedReply(post), null, null);
    }

    private static CardAction Labelled(CustomerPost post, CardAction action, string reply, WorkingDraft? answer) => action.Id switch
    {
        nameof(PostTrigger.Send) => action with { Label = $"Send to {post.Author.FirstName} on {PostLabels.Source(post.Source)} now" },
        nameof(PostTrigger.SubmitDraft) => action with
        {
            Label = post.Sensitivity is null ? "Save reply (not sent yet)" : "Submit for approval (not sent yet)",
            Style = CardActionStyle.Default,
            Inputs = [.. action.Inputs.Select(input => input.Id switch
            {
                CommandInputFields.Text => input with { Initial = reply },
                CommandInputFields.AnswerId when answer?.AnswerId is { } id && input.Choices?.Any(c => c.Value == id) == true => input with { Initial = id },
                _ => input,
            })],
        },
        _ => action,
    };

    private string PanicWarning()
    {
        var team = policy.People.WithRole(policy.CrisisRole).Select(p => p.Name).ToList();
        return $"The panic button takes this post out of its queue and hands it to the crisis team{(team.Count == 0 ? "" : $" ({string.Join(", ", team)})")}, who are alerted at once. Use it when a post could turn into a public crisis.";
    }

    /// <summary>The clock that runs now: to claim, else to reply, with the tier's whole limit for the countdown's colours.</summary>
    private CardDeadline? Deadline(CustomerPost post)
    {
        if (post.NextSlaDueAt is not { } due || !post.IsActive || post.State is PostState.Sent)
        {
            return null;
        }

        var tier = policy.Queue(post.Queue).TierAt(post.Tier);
        var claim = post.ClaimDueAt == due;
        return new CardDeadline(claim ? "Claim" : "Reply", due, claim ? tier.ClaimWithin : tier.ReplyWithin);
    }
}
