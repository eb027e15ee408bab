using ChatOpsReply.Accountability;

namespace ChatOpsReply.Posts;

/// <summary>
/// What a permitted transition changes besides the state: owner, tier, SLA due times,
/// draft and replies; and what it makes visible: the card, a line in its thread, the
/// people to mention, the reply to deliver. Pure: returns the change for the store to save.
/// </summary>
public sealed class PostTransitions
{
    private readonly AccountabilityPolicy _policy;
    private readonly IReadOnlyList<string> _surfaces;

    public PostTransitions(AccountabilityPolicy policy, ISurfaceNames surfaces)
    {
        ArgumentNullException.ThrowIfNull(surfaces);
        _policy = policy;
        _surfaces = surfaces.Names;
    }

    /// <summary>A post as it arrives: shown on every surface, with its claim timer running.</summary>
    public NewPost Received(CustomerPost post, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(post);
        var audit = new AuditEvent(post.Id, now, Person.System.Id, Person.System.Name, AuditEvent.Received, null, post.State, "ingest", null, $"{post.Source} {post.ExternalId}");
        return new NewPost(post, audit, [.. ForEachSurface(post.Id, now, OutboxKind.ShowCard)]);
    }

    public PostChange Apply(CustomerPost post, PostCommand command, PostState to, WorkflowFacts facts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(facts);
        var queue = _policy.Queue(post.Queue);
        var calendar = queue.Calendar;
        var actor = command.Actor;
        var input = command.Input;
        var next = post with { State = to, Version = post.Version + 1, UpdatedAt = now };
        var outbox = new List<OutboxMessage>();
        SentReply? reply = null;
        IngestKey? ingest = null;
        string? detail = null;
        var note = $"{actor.Name} {PostLabels.PastTense(command.Trigger)}";

        switch (command.Trigger)
        {
            case PostTrigger.Claim:
                next = next with
                {
                    Owner = actor.Id,
                    FirstClaimedAt = post.FirstClaimedAt ?? now,
                    ClaimDueAt = null,
                    ReplyDueAt = calendar.Add(now, queue.TierAt(post.Tier).ReplyWithin),
                };
                note += $" · {PostLabels.Duration(now - post.ReceivedAt)} after it arrived";
                break;

            case PostTrigger.Release:
                next = next with { Owner = null, ReplyDueAt = null, ClaimDueAt = calendar.Add(now, queue.TierAt(post.Tier).ClaimWithin) };
                break;

            case PostTrigger.Reassign:
                var assignee = _policy.People.Find(input.AssignTo)!;
                next = next with
                {
                    Owner = assignee.Id,
                    FirstClaimedAt = post.FirstClaimedAt ?? now,
                    ClaimDueAt = null,
                    ReplyDueAt = post.ReplyDueAt ?? calendar.Add(now, queue.TierAt(post.Tier).ReplyWithin),
                };
                detail = assignee.Id;
                note = $"{actor.Name} handed this to {assignee.Name}";
                outbox.AddRange(ForEachSurface(post.Id, now, OutboxKind.Notify, $"{actor.Name} handed this post to you.", [assignee.Id]));
                break;

            case PostTrigger.SubmitDraft:
                var needsApproval = to == PostState.AwaitingApproval;
                next = next with
                {
                    Draft = new ReplyDraft(input.Text!.Trim(), actor.Id, now) { Answer = facts.VerifiedAnswer, NeedsApproval = needsApproval },
                    Approvals = [],
                };
                detail = next.Draft.Text;
                if (facts.VerifiedAnswer is { } answer)
                {
                    detail += $" [answer {answer.AnswerId} v{answer.Version}{(answer.Unmodified ? ", unmodified" : ", edited")}]";
                }

                if (needsApproval)
                {
                    note = $"{actor.Name} drafted a reply for approval";
                    var role = _policy.Sensitivity(post.Sensitivity)?.ApproverRole ?? Roles.Legal;
                    var approvers = _policy.People.WithRole(role).Where(p => !string.Equals(p.Id, actor.Id, StringComparison.OrdinalIgnoreCase)).Select(p => p.Id).ToList();
                    outbox.AddRange(ForEachSurface(post.Id, now, OutboxKind.RequestApproval, $"{actor.Name} asks {role} to approve a reply to a sensitive post.", approvers));
                }

                break;

            case PostTrigger.Approve:
                next = next with { Approvals = [.. post.Approvals, new ApprovalDecision(actor.Id, now, true, input.Comment)] };
                outbox.AddRange(ForEachSurface(post.Id, now, OutboxKind.Notify, $"{actor.Name} approved your reply: you can send it.", [post.Draft!.DraftedBy]));
                break;

            case PostTrigger.RequestChanges:
                next = next with { Approvals = [.. post.Approvals, new ApprovalDecision(actor.Id, now, false, input.Comment)] };
                outbox.AddRange(ForEachSurface(post.Id, now, OutboxKind.Notify, $"{actor.Name} asked for changes: {input.Comment}", [post.Draft!.DraftedBy]));
                break;

            case PostTrigger.Send:
                reply = new SentReply(post.Draft!.Text, actor.Id, now) { Answer = post.Draft.Answer };
                next = next with
                {
                    Replies = [.. post.Replies, reply],
                    FirstReplyAt = post.FirstReplyAt ?? now,
                    Draft = null,
                    ClaimDueAt = null,
                    ReplyDueAt = null,
                };
                detail = reply.Text;
                note += $" · {PostLabels.Duration(now - post.ReceivedAt)} after it arrived";
                outbox.Add(Message(post.Id, OutboxMessage.SourceTarget, OutboxKind.DeliverReply, now) with { ReplyNumber = next.Replies.Count });
                break;

            case PostTrigger.Dismiss:
                next = next with { DismissReason = input.Comment, ClaimDueAt = null, ReplyDueAt = null };
                break;

            // At the last tier a breach leaves an escalated post escalated: handled below, not here.
            case PostTrigger.Escalate or PostTrigger.SlaBreached when to == PostState.Escalated && queue.HasTierAfter(post.Tier):
                var breach = command.Trigger == PostTrigger.SlaBreached;
                var tier = queue.TierAt(post.Tier + 1);
                next = next with
                {
                    Tier = tier.Index,
                    Owner = null,
                    ClaimDueAt = calendar.Add(now, tier.ClaimWithin),
                    ReplyDueAt = null,
                    SlaBreaches = post.SlaBreaches + (breach ? 1 : 0),
                };
                var why = breach ? $"{MissedWhat(post, input)} at {queue.TierAt(post.Tier).Name}" : $"{actor.Name} escalated it";
                note = breach ? $"SLA missed ({why}): escalated to {tier.Name}" : $"{actor.Name} escalated this to {tier.Name}";
                outbox.AddRange(ForEachSurface(post.Id, now, OutboxKind.Notify, $"Escalated to {tier.Name}: {why}. Please claim it.", MemberIds(queue, tier.Index)));
                break;

            case PostTrigger.SlaBreached:
                // No tier left to escalate to (or approval pending): stay, count it, and tell everyone accountable.
                next = next with
                {
                    SlaBreaches = post.SlaBreaches + 1,
                    ClaimDueAt = CustomerPost.SameDueTime(post.ClaimDueAt, input.BreachDueAt) ? null : post.ClaimDueAt,
                    ReplyDueAt = CustomerPost.SameDueTime(post.ReplyDueAt, input.BreachDueAt) ? null : post.ReplyDueAt,
                };
                note = $"SLA missed ({MissedWhat(post, input)} at {queue.TierAt(post.Tier).Name})";
                var accountable = MemberIds(queue, post.Tier).Concat(post.Owner is null ? [] : [post.Owner]).Distinct().ToList();
                outbox.AddRange(ForEachSurface(post.Id, now, OutboxKind.Notify, $"{note}. Nobody is above {queue.TierAt(post.Tier).Name}: please act now.", accountable));
                break;

            case PostTrigger.DeclareCrisis:
                next = next with { Owner = null, ClaimDueAt = null, ReplyDueAt = null };
                var crisisTeam = _policy.People.WithRole(_policy.CrisisRole).Select(p => p.Id).ToList();
                outbox.AddRange(ForEachSurface(post.Id, now, OutboxKind.CrisisAlert, $"{actor.Name} hit the panic button{(string.IsNullOrWhiteSpace(input.Comment) ? "" : ": " + input.Comment)}", crisisTeam));
                break;

            case PostTrigger.ResolveCrisis:
                next = next with { Tier = 0, Owner = null, ClaimDueAt = calendar.Add(now, queue.TierAt(0).ClaimWithin), ReplyDueAt = null };
                break;

            case PostTrigger.CustomerFollowUp:
                var followUp = input.FollowUp!;
                ingest = new IngestKey(post.Source, followUp.ExternalId);
                // A follow-up can make a post sensitive ("I'll see you in court"); it never makes it less so.
                next = next with { FollowUps = [.. post.FollowUps, followUp], Sensitivity = post.Sensitivity ?? _policy.Classify(followUp.Text)?.Name };
                if (to == PostState.Claimed)
                {
                    // The customer answered our reply: the owner owes them another one.
                    next = next with { ReplyDueAt = calendar.Add(now, queue.TierAt(post.Tier).ReplyWithin) };
                }

                detail = followUp.Text;
                note = $"{post.Author.FirstName} wrote again";
                if (post.Owner is not null)
                {
                    outbox.AddRange(ForEachSurface(post.Id, now, OutboxKind.Notify, $"{post.Author.FirstName} wrote again.", [post.Owner]));
                }

                break;

            case PostTrigger.Close:
                next = next with { ClaimDueAt = null, ReplyDueAt = null };
                break;

            case PostTrigger.Reopen:
                next = next with { Tier = 0, Owner = null, DismissReason = null, ClaimDueAt = calendar.Add(now, queue.TierAt(0).ClaimWithin), ReplyDueAt = null };
                break;

            default:
                throw new ArgumentOutOfRangeException(nameof(command), command.Trigger, "No effects are defined for this trigger.");
        }

        if (!string.IsNullOrWhiteSpace(input.Comment) && command.Trigger != PostTrigger.DeclareCrisis)
        {
            note += $": {input.Comment}";
        }

        var audit = new AuditEvent(post.Id, now, actor.Id, actor.Name, command.Trigger.ToString(), post.State, to, command.Surface, input.Comment, detail);
        var visible = ForEachSurface(post.Id, now, OutboxKind.ShowCard).Concat(ForEachSurface(post.Id, now, OutboxKind.ThreadNote, note));
        return new PostChange(next, post.Version, audit, [.. visible, .. outbox])
        {
            CommandKey = command.IdempotencyKey,
            Ingest = ingest,
            Reply = reply,
        };
    }

    private static string MissedWhat(CustomerPost post, CommandInput input) =>
        CustomerPost.SameDueTime(post.ClaimDueAt, input.BreachDueAt) ? "nobody claimed it in time" : "no reply in time";

    private List<string> MemberIds(Queue queue, int tier) => [.. _policy.MembersOf(queue, tier).Select(p => p.Id)];

    private IEnumerable<OutboxMessage> ForEachSurface(string postId, DateTimeOffset now, OutboxKind kind, string? text = null, IReadOnlyList<string>? people = null) =>
        _surfaces.Select(surface => Message(postId, surface, kind, now) with { Text = text, People = people ?? [] });

    private static OutboxMessage Message(string postId, string target, OutboxKind kind, DateTimeOffset now) =>
        new(Guid.CreateVersion7(now).ToString("N"), postId, target, kind, now) { DueAt = now };
}
