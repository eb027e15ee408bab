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
    ActionInputs inputs,
    TimeProvider time)
{
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
        var triggers = viewer is null ? workflow.OfferedOn(post) : workflow.AvailableTo(post, viewer);
        return new CardModel
        {
            PostId = post.Id,
            SourceLabel = PostLabels.Source(post.Source),
            Author = new CardAuthor(post.Author.Handle, post.Author.DisplayName),
            Text = post.Text,
            Url = post.Url,
            ConsoleUrl = links.Post(post.Id),
            StateLabel = PostLabels.Status(post),
            Tone = Tone(post, now),
            Badges = Badges(post, now),
            Facts = Facts(post, queue, now),
            FollowUps = [.. post.FollowUps.Select(f => new CardNote(f.At, f.Text))],
            Draft = Draft(post),
            Actions = [.. triggers.Select(t => Action(post, t))],
        };
    }

    private static CardTone Tone(CustomerPost post, DateTimeOffset now) => post.State switch
    {
        PostState.Crisis => CardTone.Attention,
        _ when NotDelivered(post) is not null => CardTone.Attention,
        PostState.Sent when LastDelivery(post) is { Reached: false } => CardTone.Neutral,
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

        if (NotDelivered(post) is { } notDelivered)
        {
            badges.Add(new CardBadge(notDelivered, CardTone.Attention));
        }

        return badges;
    }

    private static ReplyDelivery? LastDelivery(CustomerPost post) => post.Replies.Count > 0 ? post.Replies[^1].Delivery : null;

    /// <summary>The badge of a last reply that did not reach the customer (or may not have), or null.</summary>
    private static string? NotDelivered(CustomerPost post) => LastDelivery(post)?.Status switch
    {
        ReplyDeliveryStatus.Unknown => "May not have been delivered",
        ReplyDeliveryStatus.Failed or ReplyDeliveryStatus.Refused or ReplyDeliveryStatus.NoSender => "Not delivered",
        _ => null,
    };

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
            // A crisis's holding statement is no answer of its own: the card says which it was.
            facts.Add(new CardFact(last.HoldingFor is null ? "Replied" : "Holding statement", $"{policy.People.NameOf(last.SentBy)}: {last.Text}"));
            facts.Add(new CardFact("Delivery", PostLabels.Delivery(last.Delivery, post.Source)));
        }

        if (guidelines.IsTextMessage(post.Source))
        {
            facts.Add(new CardFact("Texts", post.Consent switch
            {
                null => "no opt-in recorded",
                { OptedIn: true } c => $"opted in {c.At.UtcDateTime:yyyy-MM-dd}: {c.Evidence}",
                var c => $"opted out {c.At.UtcDateTime:yyyy-MM-dd}: {c.Evidence}",
            }));
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
            (PostState.AwaitingApproval, _) => $"waiting for {policy.ApproverRole(post.Sensitivity)} to approve",
            (PostState.Approved, { Approved: true }) => $"approved by {policy.People.NameOf(last.ApproverId)}",
            (PostState.Approved, _) => "ready to send",
            (_, { Approved: false }) => $"changes requested by {policy.People.NameOf(last.ApproverId)}: {last.Comment}",
            _ => null,
        };
        return new CardDraft(draft.Text, policy.People.NameOf(draft.DraftedBy), status);
    }

    private CardAction Action(CustomerPost post, PostTrigger trigger)
    {
        var id = trigger.ToString();
        var label = (trigger, post.Sensitivity, LastDelivery(post)?.Status) switch
        {
            (PostTrigger.SubmitDraft, not null, _) => "Submit for approval",
            (PostTrigger.Resend, _, ReplyDeliveryStatus.Unknown) => "Check and resend",
            _ => PostLabels.Button(trigger),
        };
        var style = trigger switch
        {
            PostTrigger.Claim or PostTrigger.Approve or PostTrigger.Send or PostTrigger.SubmitDraft or PostTrigger.Resend => CardActionStyle.Primary,
            PostTrigger.DeclareCrisis => CardActionStyle.Danger,
            _ => CardActionStyle.Default,
        };
        return new CardAction(id, label, style) { Inputs = inputs.For(post, trigger) };
    }
}
