using ChatOpsReply.Accountability;
using ChatOpsReply.Guidelines;

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

    /// <summary>The surfaces that message a person directly: a Slack DM, a Teams 1:1 chat.</summary>
    private readonly IReadOnlyList<string> _directSurfaces;

    public PostTransitions(AccountabilityPolicy policy, ISurfaceNames surfaces)
    {
        ArgumentNullException.ThrowIfNull(surfaces);
        _policy = policy;
        _surfaces = surfaces.Names;
        _directSurfaces = [.. _surfaces.Where(s => s is SurfaceNames.Slack or SurfaceNames.Teams)];
    }

    /// <summary>
    /// A post with everything its customer wrote or is known by replaced (text, name, handle, link,
    /// follow-ups, the draft, replies sent, approvers' comments), audited as who erased it, and
    /// shown again on every surface so the cards lose the text too. State and timers are kept.
    /// </summary>
    public PostChange Erased(CustomerPost post, Person actor, string surface, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(actor);
        const string erased = AuditChain.RedactedText;
        var next = post with
        {
            Author = new PostAuthor(erased, null),
            Text = erased,
            FullText = null,
            Url = null,
            Draft = post.Draft is { } draft ? draft with { Text = erased } : null,
            Approvals = [.. post.Approvals.Select(a => a.Comment is null ? a : a with { Comment = erased })],
            FollowUps = [.. post.FollowUps.Select(f => f with { Text = erased, FullText = null })],
            Replies = [.. post.Replies.Select(r => r with { Text = erased })],
            Consent = post.Consent is { } consent ? consent with { Handle = erased, Evidence = erased } : null,
            Version = post.Version + 1,
            UpdatedAt = now,
        };
        var audit = new AuditEvent(post.Id, now, actor.Id, actor.Name, AuditAction.CustomerErased, post.State, post.State, surface, null, "the customer's text, name and handle");
        return new PostChange(next, post.Version, audit, [.. ForEachSurface(post.Id, now, OutboxKind.ShowCard)]);
    }

    /// <summary>A post as it arrives: shown on every surface, with its claim timer running.</summary>
    public NewPost Received(CustomerPost post, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(post);
        var audit = new AuditEvent(post.Id, now, Person.System.Id, Person.System.Name, AuditAction.Received, null, post.State, SurfaceNames.Ingest, null, $"{post.Source} {post.ExternalId}");
        return new NewPost(post, audit, [.. ForEachSurface(post.Id, now, OutboxKind.ShowCard)]);
    }

    public PostChange Apply(CustomerPost post, PostCommand command, PostState to, WorkflowFacts facts, DateTimeOffset now) =>
        Apply(post, command, WorkflowDecision.Allow(to, []), facts, now);

    public PostChange Apply(CustomerPost post, PostCommand command, WorkflowDecision decision, WorkflowFacts facts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(facts);
        var step = new Step(this, post, command, decision.To, facts, now);
        switch (command.Trigger)
        {
            case PostTrigger.Claim: Claim(step); break;
            case PostTrigger.Release: Release(step); break;
            case PostTrigger.Reassign: HandOver(step, (HandOverInput)command.Input); break;
            case PostTrigger.SubmitDraft: SubmitDraft(step, (DraftInput)command.Input); break;
            case PostTrigger.Approve: Approve(step); break;
            case PostTrigger.RequestChanges: RequestChanges(step); break;
            case PostTrigger.Send: Send(step); break;
            case PostTrigger.Dismiss: Dismiss(step); break;
            // At the last tier a breach leaves an escalated post escalated: handled as a breach that stays.
            case PostTrigger.Escalate or PostTrigger.SlaBreached when decision.To == PostState.Escalated && step.Queue.HasTierAfter(post.Tier): MoveUp(step); break;
            case PostTrigger.SlaBreached when post.Owner is not null && decision.To != PostState.AwaitingApproval && step.Queue.HasTierAfter(post.Tier): Supervise(step, (BreachInput)command.Input); break;
            case PostTrigger.TakeOver: TakeOver(step); break;
            case PostTrigger.AddNote: AddNote(step); break;
            case PostTrigger.SlaBreached: BreachWithNowhereToGo(step, (BreachInput)command.Input); break;
            case PostTrigger.DeclareCrisis: DeclareCrisis(step); break;
            case PostTrigger.ResolveCrisis: ResolveCrisis(step); break;
            case PostTrigger.CustomerFollowUp: FollowUp(step, (FollowUpInput)command.Input); break;
            case PostTrigger.Close: Close(step); break;
            case PostTrigger.Reopen: Reopen(step); break;
            case PostTrigger.DeliveryReported: DeliveryReported(step, (DeliveryInput)command.Input); break;
            // A plain click carries only a comment: nothing checked, no record (a lead's opt-in).
            case PostTrigger.Resend: Resend(step, command.Input as ResendInput ?? new ResendInput(null)); break;
            case PostTrigger.RecordConsent: RecordConsent(step, command.Input as ConsentInput ?? new ConsentInput(null)); break;
            case PostTrigger.SendHoldingStatement: SendHoldingStatement(step, (HoldingInput)command.Input, decision.Withheld); break;
            default: throw new ArgumentOutOfRangeException(nameof(command), command.Trigger, "No effects are defined for this trigger.");
        }

        return step.Build();
    }

    private static void Claim(Step s)
    {
        s.Next = s.Next with
        {
            Owner = s.Actor.Id,
            FirstClaimedAt = s.Post.FirstClaimedAt ?? s.Now,
            ClaimDueAt = null,
            ReplyDueAt = s.Due(s.Tier.ReplyWithin),
        };
        s.Note += $" · {PostLabels.Duration(s.Now - s.Post.ReceivedAt)} after it arrived";
    }

    private static void Release(Step s) =>
        s.Next = s.Next with { Owner = null, ReplyDueAt = null, ClaimDueAt = s.Due(s.Tier.ClaimWithin) };

    /// <summary>
    /// To anyone in the chain. Handed down ("give it back to Alice"), the post goes to the
    /// assignee's own tier with that tier's reply limit starting now; within or above its tier,
    /// the running reply limit keeps running, so passing a post around buys no time.
    /// </summary>
    private void HandOver(Step s, HandOverInput input)
    {
        var assignee = _policy.People.Find(input.AssignTo) ?? throw new InvalidOperationException("The workflow let a hand-over to nobody through.");
        var down = !s.Queue.IsInTierOrAbove(assignee, s.Post.Tier);
        var tier = down ? s.Queue.TierAt(s.Queue.OwnTierOf(assignee)) : s.Tier;
        s.Next = s.Next with
        {
            Owner = assignee.Id,
            Tier = tier.Index,
            FirstClaimedAt = s.Post.FirstClaimedAt ?? s.Now,
            ClaimDueAt = null,
            ReplyDueAt = down ? s.Due(tier.ReplyWithin) : s.Post.ReplyDueAt ?? s.Due(tier.ReplyWithin),
        };
        s.Detail = down ? $"to {assignee.Name}, back to {tier.Name}" : $"to {assignee.Name}";
        s.Note = down ? $"{s.Actor.Name} handed this back to {assignee.Name} ({tier.Name})" : $"{s.Actor.Name} handed this to {assignee.Name}";
        var why = string.IsNullOrWhiteSpace(s.Comment) ? "" : $": {s.Comment}";
        s.Notify(OutboxKind.Notify, $"{s.Actor.Name} handed this post to you{why}.", [assignee.Id]);
        s.Tell(NotificationTopic.HandedToYou, $"{s.Actor.Name} handed you a post{why}.", [assignee.Id]);
    }

    /// <summary>
    /// The owner missed the reply limit: they keep the post and their draft, the tier above is told
    /// and may take it over, with its own reply limit running now. The breach counts against the tier it happened in.
    /// </summary>
    private void Supervise(Step s, BreachInput input)
    {
        var tier = s.Queue.TierAt(s.Post.Tier + 1);
        var owner = _policy.People.NameOf(s.Post.Owner);
        var missed = MissedWhat(s.Post, input, s.Tier);
        s.Next = s.Next with
        {
            Tier = tier.Index,
            ReplyMissedBy = s.Post.Owner,
            ReplyDueAt = s.Due(tier.ReplyWithin),
            SlaBreaches = s.Post.SlaBreaches + 1,
            BreachTiers = [.. s.Post.BreachTiers, s.Post.Tier],
        };
        s.Detail = $"{missed} at {s.Tier.Name}";
        s.Note = $"SLA missed ({missed} at {s.Tier.Name}): {owner} keeps it, {tier.Name} can take over";
        s.Notify(OutboxKind.Notify, $"{owner} has had {missed} at {s.Tier.Name}. {owner} keeps the post and the draft; take it over if they need a hand.", MemberIds(s.Queue, tier.Index));
        s.Tell(NotificationTopic.Escalated, $"A post of {s.Queue.DisplayName} has had {missed}: {owner} still has it, and you can take it over.", MemberIds(s.Queue, tier.Index));
    }

    /// <summary>
    /// A note for the team: in the history, in the threads of the surfaces it was not written in,
    /// and a mention for each person it names with @. Nothing goes to the customer.
    /// </summary>
    private void AddNote(Step s)
    {
        var text = s.Comment!.Trim();
        var elsewhere = _surfaces.Where(surface => surface != s.Command.Surface).ToList();
        s.Note = null;
        s.ShowsCard = false;
        s.Outbox.AddRange(elsewhere.Select(surface => Message(s.Post.Id, surface, OutboxKind.ThreadNote, s.Now) with { Text = $"Note from {s.Actor.Name}: {text}" }));
        var named = NoteMentions.Find(text, _policy.People).Where(p => p.Id != s.Actor.Id).Select(p => p.Id).ToList();
        if (named.Count > 0)
        {
            s.Detail = "mentions " + string.Join(", ", named.Select(_policy.People.NameOf));
            s.Outbox.AddRange(elsewhere.Select(surface => Message(s.Post.Id, surface, OutboxKind.Notify, s.Now) with { Text = $"{s.Actor.Name} mentioned you in a note.", People = named }));
            // A mention typed in Slack or Teams is that platform's own notification already.
            if (s.Command.Surface is not (SurfaceNames.Slack or SurfaceNames.Teams))
            {
                s.Tell(NotificationTopic.Mention, $"{s.Actor.Name} mentioned you in a note: {text}", named);
            }
        }
    }

    /// <summary>Someone above takes over the overdue post: the draft stays, the owner is told.</summary>
    private void TakeOver(Step s)
    {
        var previous = s.Post.Owner ?? throw new InvalidOperationException("The workflow let a take-over of an unowned post through.");
        s.Next = s.Next with { Owner = s.Actor.Id, ReplyDueAt = s.Post.ReplyDueAt ?? s.Due(s.Tier.ReplyWithin) };
        s.Detail = previous;
        s.Note = $"{s.Actor.Name} took this over from {_policy.People.NameOf(previous)}";
        s.Notify(OutboxKind.Notify, $"{s.Actor.Name} took this post over from you; your draft stays with it.", [previous]);
    }

    private void SubmitDraft(Step s, DraftInput input)
    {
        var needsApproval = s.To == PostState.AwaitingApproval;
        var draft = new ReplyDraft((input.Text ?? "").Trim(), s.Actor.Id, s.Now) { Answer = s.Facts.VerifiedAnswer, NeedsApproval = needsApproval };
        s.Next = s.Next with { Draft = draft, Approvals = [] };
        s.Detail = draft.Text + (s.Facts.VerifiedAnswer is { } answer ? $" [answer {answer.AnswerId} v{answer.Version}{(answer.Unmodified ? ", unmodified" : ", edited")}]" : "");
        if (needsApproval)
        {
            s.Note = $"{s.Actor.Name} drafted a reply for approval";
            var role = _policy.ApproverRole(s.Post.Sensitivity);
            var approvers = _policy.People.WithRole(role).Where(p => !string.Equals(p.Id, s.Actor.Id, StringComparison.OrdinalIgnoreCase)).Select(p => p.Id).ToList();
            s.Notify(OutboxKind.RequestApproval, $"{s.Actor.Name} asks {role} to approve a reply to a sensitive post.", approvers);
            // Without an approvers' channel, the request itself is already a direct message.
            if (_policy.Sensitivity(s.Post.Sensitivity)?.Channels.GetValueOrDefault(SurfaceNames.Slack) is { Length: > 0 })
            {
                s.Tell(NotificationTopic.Approval, $"{s.Actor.Name} asks you to approve a reply to a sensitive post.", approvers);
            }
        }
    }

    private static void Approve(Step s)
    {
        s.Next = s.Next with { Approvals = [.. s.Post.Approvals, new ApprovalDecision(s.Actor.Id, s.Now, true, s.Comment)] };
        s.Notify(OutboxKind.Notify, $"{s.Actor.Name} approved your reply: you can send it.", [s.Drafter]);
    }

    private static void RequestChanges(Step s)
    {
        s.Next = s.Next with { Approvals = [.. s.Post.Approvals, new ApprovalDecision(s.Actor.Id, s.Now, false, s.Comment)] };
        s.Notify(OutboxKind.Notify, $"{s.Actor.Name} asked for changes: {s.Comment}", [s.Drafter]);
    }

    private static void Send(Step s)
    {
        var draft = s.Post.Draft ?? throw new InvalidOperationException("The workflow let a send without a draft through.");
        var reply = new SentReply(draft.Text, s.Actor.Id, s.Now) { Answer = draft.Answer, Delivery = ReplyDelivery.Pending with { At = s.Now } };
        s.Next = s.Next with
        {
            Replies = [.. s.Post.Replies, reply],
            FirstReplyAt = s.Post.FirstReplyAt ?? s.Now,
            Draft = null,
            ClaimDueAt = null,
            ReplyDueAt = null,
        };
        s.Reply = reply;
        s.Detail = reply.Text;
        s.Note += $" · {PostLabels.Duration(s.Now - s.Post.ReceivedAt)} after it arrived";
        s.Outbox.Add(Message(s.Post.Id, OutboxMessage.SourceTarget, OutboxKind.DeliverReply, s.Now) with { ReplyNumber = s.Next.Replies.Count });
    }

    /// <summary>
    /// A crisis's holding statement to one of its posts: a reply of its own through the outbox, as any sent reply (the
    /// post stays in Crisis for the team to answer properly). Where the channel's rules refuse it, nothing goes out and
    /// the history says why.
    /// </summary>
    private static void SendHoldingStatement(Step s, HoldingInput input, IReadOnlyList<string> withheld)
    {
        s.CommentInNote = false;
        if (withheld.Count > 0)
        {
            var why = string.Join(" ", withheld);
            s.Detail = $"crisis {input.CrisisId}, not sent: {why}";
            s.Note = $"The crisis's holding statement was not sent: {why}";
            return;
        }

        var text = input.Text ?? throw new InvalidOperationException("The workflow let a holding statement with nothing filled in through.");
        var reply = new SentReply(text, input.SentBy, s.Now) { Answer = input.Answer, HoldingFor = input.CrisisId, Delivery = ReplyDelivery.Pending with { At = s.Now } };
        s.Next = s.Next with { Replies = [.. s.Post.Replies, reply] };
        s.Reply = reply;
        s.Detail = $"{text} [answer {input.Answer.AnswerId} v{input.Answer.Version}, crisis {input.CrisisId}; {input.ApprovedBy}]";
        s.Note = $"{s.Actor.Name} sent the crisis's holding statement ({input.ApprovedBy})";
        s.Outbox.Add(Message(s.Post.Id, OutboxMessage.SourceTarget, OutboxKind.DeliverReply, s.Now) with { ReplyNumber = s.Next.Replies.Count });
    }

    /// <summary>
    /// What became of a reply, on the post for every surface: the card shows it; a confirmed delivery
    /// is a line in the thread, and a reply that did not arrive (or may not have) tells its owner.
    /// </summary>
    private static void DeliveryReported(Step s, DeliveryInput input)
    {
        var reply = s.Post.Replies[input.Number - 1];
        var delivery = input.Report with { ExternalId = input.Report.ExternalId ?? reply.Delivery.ExternalId, Attempt = reply.Delivery.Attempt, At = input.Report.At ?? s.Now };
        s.Next = s.Next with { Replies = [.. s.Post.Replies.Select((r, i) => i == input.Number - 1 ? r with { Delivery = delivery } : r)] };
        if (delivery.Reached)
        {
            s.Reached = new ReplyReached(input.Number, delivery.At!.Value, delivery.ExternalId);
        }

        if (input.OptOut is { } optOut)
        {
            s.Next = s.Next with { Consent = optOut };
            s.Consent = optOut;
        }

        var customer = s.Post.Author.FirstName;
        var source = PostLabels.Source(s.Post.Source);
        s.Detail = PostLabels.Delivery(delivery, s.Post.Source) + (delivery.ExternalId is { } id ? $" ({id})" : "");
        s.Note = null;
        var owner = s.Post.Owner ?? reply.SentBy;
        switch (delivery.Status)
        {
            case ReplyDeliveryStatus.Delivered:
                s.Note = $"The reply reached {customer}: {source} confirmed its delivery";
                break;
            case ReplyDeliveryStatus.NoSender:
                s.Note = $"The reply was not delivered: no sender for {source} is configured";
                break;
            case ReplyDeliveryStatus.Unknown:
                s.Notify(OutboxKind.Notify, $"Your reply to {customer} may not have been delivered: {delivery.Reason} Check on {source}, then use Check and resend.", [owner]);
                break;
            case ReplyDeliveryStatus.Failed:
                s.Notify(OutboxKind.Notify, $"Your reply to {customer} was not delivered: {delivery.Reason} Retry when you are ready.", [owner]);
                break;
            case ReplyDeliveryStatus.Refused:
                s.Notify(OutboxKind.Notify, $"Your reply to {customer} was not delivered, and sending it again cannot help: {delivery.Reason}", [owner]);
                break;
            default:
                // Taken by the platform: the card says so; the thread already says it was sent.
                break;
        }
    }

    /// <summary>
    /// The owner sends the last reply again: once more through the outbox as its next attempt, or,
    /// when they checked and found it had arrived after all, recorded as sent with nothing sent.
    /// </summary>
    private static void Resend(Step s, ResendInput input)
    {
        var number = s.Post.Replies.Count;
        var reply = s.Post.Replies[^1];
        var source = PostLabels.Source(s.Post.Source);
        ReplyDelivery delivery;
        if (input.Check == ResendCheck.Arrived)
        {
            delivery = new ReplyDelivery(ReplyDeliveryStatus.Sent, s.Now) { Attempt = reply.Delivery.Attempt, Reason = $"{s.Actor.Name} checked on {source}: it arrived" };
            s.Reached = new ReplyReached(number, s.Now, null);
            s.Note = $"{s.Actor.Name} checked on {source}: the reply had arrived";
        }
        else
        {
            delivery = ReplyDelivery.Pending with { At = s.Now, Attempt = reply.Delivery.Attempt + 1 };
            s.Outbox.Add(Message(s.Post.Id, OutboxMessage.SourceTarget, OutboxKind.DeliverReply, s.Now) with { ReplyNumber = number });
            s.Note = input.Check == ResendCheck.NotThere ? $"{s.Actor.Name} checked on {source} and sent the reply again" : $"{s.Actor.Name} sent the reply again";
        }

        s.Next = s.Next with { Replies = [.. s.Post.Replies.Take(number - 1), reply with { Delivery = delivery }] };
        s.Detail = $"reply {number}, attempt {delivery.Attempt}: {PostLabels.Delivery(delivery, s.Post.Source)}";
    }

    /// <summary>A texting consent: in the ledger and on the post, in the same write, with its evidence in the history.</summary>
    private static void RecordConsent(Step s, ConsentInput input)
    {
        var record = input.Record ?? new ConsentRecord(s.Post.Source, s.Post.Author.Handle, OptedIn: true, s.Now, $"{s.Comment} (recorded by {s.Actor.Name})");
        s.Next = s.Next with { Consent = record };
        s.Consent = record;
        s.Detail = record.Evidence;
        s.Note = record.OptedIn
            ? $"{s.Actor.Name} recorded {s.Post.Author.FirstName}'s opt-in to texts: {record.Evidence}"
            : $"{s.Post.Author.FirstName} opted out of texts: {record.Evidence}";
        s.CommentInNote = false;
    }

    private static void Dismiss(Step s) =>
        s.Next = s.Next with { DismissReason = s.Comment, ClaimDueAt = null, ReplyDueAt = null };

    /// <summary>Escalated by a person or by a missed SLA: the next tier owns it, with its claim timer running.</summary>
    private void MoveUp(Step s)
    {
        var breach = s.Command.Trigger == PostTrigger.SlaBreached;
        var tier = s.Queue.TierAt(s.Post.Tier + 1);
        s.Next = s.Next with
        {
            Tier = tier.Index,
            Owner = null,
            ClaimDueAt = s.Due(tier.ClaimWithin),
            ReplyDueAt = null,
            SlaBreaches = s.Post.SlaBreaches + (breach ? 1 : 0),
            BreachTiers = breach ? [.. s.Post.BreachTiers, s.Post.Tier] : s.Post.BreachTiers,
        };
        var why = breach ? $"{MissedWhat(s.Post, (BreachInput)s.Command.Input, s.Tier)} at {s.Tier.Name}" : $"{s.Actor.Name} escalated it";
        if (breach)
        {
            s.Detail = why;
        }

        s.Note = breach ? $"SLA missed ({why}): escalated to {tier.Name}" : $"{s.Actor.Name} escalated this to {tier.Name}";
        s.Notify(OutboxKind.Notify, $"Escalated to {tier.Name}: {why}. Please claim it.", MemberIds(s.Queue, tier.Index));
        s.Tell(NotificationTopic.Escalated, $"A post of {s.Queue.DisplayName} was escalated to {tier.Name} ({why}): please claim it.", MemberIds(s.Queue, tier.Index));
    }

    /// <summary>No tier left to escalate to (or approval pending): stay, count it, and tell everyone accountable.</summary>
    private void BreachWithNowhereToGo(Step s, BreachInput input)
    {
        s.Next = s.Next with
        {
            SlaBreaches = s.Post.SlaBreaches + 1,
            BreachTiers = [.. s.Post.BreachTiers, s.Post.Tier],
            ClaimDueAt = CustomerPost.SameDueTime(s.Post.ClaimDueAt, input.DueAt) ? null : s.Post.ClaimDueAt,
            ReplyDueAt = CustomerPost.SameDueTime(s.Post.ReplyDueAt, input.DueAt) ? null : s.Post.ReplyDueAt,
        };
        s.Note = $"SLA missed ({MissedWhat(s.Post, input, s.Tier)} at {s.Tier.Name})";
        s.Detail = $"{MissedWhat(s.Post, input, s.Tier)} at {s.Tier.Name}";
        var accountable = MemberIds(s.Queue, s.Post.Tier).Concat(s.Post.Owner is null ? [] : [s.Post.Owner]).Distinct().ToList();
        s.Notify(OutboxKind.Notify, $"{s.Note}. Nobody is above {s.Tier.Name}: please act now.", accountable);
    }

    private void DeclareCrisis(Step s)
    {
        s.Next = s.Next with { Owner = null, ClaimDueAt = null, ReplyDueAt = null };
        if (s.Command.Input is CrisisInput declared)
        {
            // One of many moved together: the crisis's own alert tells the team, not one message a post.
            s.Next = s.Next with { CrisisId = declared.CrisisId };
            s.Detail = $"declared crisis {declared.CrisisId}";
            s.Note = $"{s.Actor.Name} declared a crisis this post is part of";
            return;
        }

        var crisisTeam = _policy.People.WithRole(_policy.CrisisRole).Select(p => p.Id).ToList();
        s.Notify(OutboxKind.CrisisAlert, $"{s.Actor.Name} hit the panic button{(string.IsNullOrWhiteSpace(s.Comment) ? "" : ": " + s.Comment)}", crisisTeam);
        // The alert says what is going on; the thread line does not repeat it.
        s.CommentInNote = false;
    }

    private static void ResolveCrisis(Step s) =>
        s.Next = s.Next with { Tier = 0, Owner = null, ClaimDueAt = s.Due(s.Queue.TierAt(0).ClaimWithin), ReplyDueAt = null, CrisisId = null };

    private void FollowUp(Step s, FollowUpInput input)
    {
        var followUp = input.FollowUp;
        s.Ingest = new IngestKey(s.Post.Source, followUp.ExternalId);
        // A follow-up can make a post sensitive ("I'll see you in court"); it never makes it less so.
        s.Next = s.Next with { FollowUps = [.. s.Post.FollowUps, followUp], Sensitivity = s.Post.Sensitivity ?? _policy.Classify(followUp.Text)?.Name };
        if (s.To == PostState.Claimed)
        {
            // The customer answered our reply: the owner owes them another one.
            s.Next = s.Next with { ReplyDueAt = s.Due(s.Tier.ReplyWithin) };
        }

        s.Detail = followUp.Text;
        s.Note = $"{s.Post.Author.FirstName} wrote again";
        if (s.Post.Owner is not null)
        {
            s.Notify(OutboxKind.Notify, $"{s.Post.Author.FirstName} wrote again.", [s.Post.Owner]);
        }
    }

    private static void Close(Step s) => s.Next = s.Next with { ClaimDueAt = null, ReplyDueAt = null };

    private static void Reopen(Step s) =>
        s.Next = s.Next with { Tier = 0, Owner = null, DismissReason = null, ClaimDueAt = s.Due(s.Queue.TierAt(0).ClaimWithin), ReplyDueAt = null };

    /// <summary>Which limit was missed, with the tier's setting: "not claimed within 15 min", "no reply within 45 min".</summary>
    private static string MissedWhat(CustomerPost post, BreachInput input, Tier tier) =>
        CustomerPost.SameDueTime(post.ClaimDueAt, input.DueAt)
            ? $"not claimed within {PostLabels.Duration(tier.ClaimWithin)}"
            : $"no reply within {PostLabels.Duration(tier.ReplyWithin)}";

    private List<string> MemberIds(Queue queue, int tier) => [.. _policy.MembersOf(queue, tier).Select(p => p.Id)];

    private IEnumerable<OutboxMessage> ForEachSurface(string postId, DateTimeOffset now, OutboxKind kind, string? text = null, IReadOnlyList<string>? people = null) =>
        _surfaces.Select(surface => Message(postId, surface, kind, now) with { Text = text, People = people ?? [] });

    private static OutboxMessage Message(string postId, string target, OutboxKind kind, DateTimeOffset now) =>
        new(Guid.CreateVersion7(now).ToString("N"), postId, target, kind, now) { DueAt = now };

    /// <summary>One transition being worked out: the next version of the post and everything written and shown with it.</summary>
    private sealed class Step(PostTransitions transitions, CustomerPost post, PostCommand command, PostState to, WorkflowFacts facts, DateTimeOffset now)
    {
        public CustomerPost Post { get; } = post;

        public PostCommand Command { get; } = command;

        public PostState To { get; } = to;

        public WorkflowFacts Facts { get; } = facts;

        public DateTimeOffset Now { get; } = now;

        public Person Actor => Command.Actor;

        public string? Comment => Command.Input.Comment;

        public Queue Queue { get; } = transitions._policy.Queue(post.Queue);

        /// <summary>The tier accountable before the transition.</summary>
        public Tier Tier => Queue.TierAt(Post.Tier);

        public string Drafter => Post.Draft?.DraftedBy ?? throw new InvalidOperationException("The workflow let an approval without a draft through.");

        public CustomerPost Next { get; set; } = post with { State = to, Version = post.Version + 1, UpdatedAt = now };

        public List<OutboxMessage> Outbox { get; } = [];

        public SentReply? Reply { get; set; }

        public ReplyReached? Reached { get; set; }

        public ConsentRecord? Consent { get; set; }

        public IngestKey? Ingest { get; set; }

        /// <summary>What travelled with the action, for the audit trail.</summary>
        public string? Detail { get; set; }

        /// <summary>The line in the card's thread: "Alice claimed this"; none when null.</summary>
        public string? Note { get; set; } = $"{command.Actor.Name} {PostLabels.PastTense(command.Trigger)}";

        public bool CommentInNote { get; set; } = true;

        /// <summary>Whether the card is shown again: not for what changes nothing on it (a note).</summary>
        public bool ShowsCard { get; set; } = true;

        /// <summary>A due time <paramref name="within"/> from now in the queue's business hours.</summary>
        public DateTimeOffset Due(TimeSpan within) => Queue.Calendar.Add(Now, within);

        public void Notify(OutboxKind kind, string text, IReadOnlyList<string> people) =>
            Outbox.AddRange(transitions.ForEachSurface(Post.Id, Now, kind, text, people));

        /// <summary>
        /// A direct message to each person who wants to hear about the topic, one outbox message
        /// each, so one person's refusal or retry never repeats another's message.
        /// </summary>
        public void Tell(NotificationTopic topic, string text, IEnumerable<string> people)
        {
            foreach (var person in people.Select(transitions._policy.People.Find).OfType<Person>())
            {
                if (person.Id != Actor.Id && person.WantsDirectMessage(topic))
                {
                    Outbox.AddRange(transitions._directSurfaces.Select(surface => Message(Post.Id, surface, OutboxKind.DirectMessage, Now) with { Text = text, People = [person.Id] }));
                }
            }
        }

        public PostChange Build()
        {
            // Take-over is offered only while the one who missed the reply still holds it unanswered.
            if (Next.ReplyMissedBy is not null && (!string.Equals(Next.Owner, Next.ReplyMissedBy, StringComparison.OrdinalIgnoreCase) || To is PostState.Sent or PostState.Closed or PostState.Dismissed or PostState.Crisis))
            {
                Next = Next with { ReplyMissedBy = null };
            }

            if (Note is not null && CommentInNote && !string.IsNullOrWhiteSpace(Comment))
            {
                Note += $": {Comment}";
            }

            var audit = new AuditEvent(Post.Id, Now, Actor.Id, Actor.Name, AuditActions.Of(Command.Trigger), Post.State, To, Command.Surface, Comment, Detail);
            var visible = (ShowsCard ? transitions.ForEachSurface(Post.Id, Now, OutboxKind.ShowCard) : []).Concat(Note is null ? [] : transitions.ForEachSurface(Post.Id, Now, OutboxKind.ThreadNote, Note));
            return new PostChange(Next, Post.Version, audit, [.. visible, .. Outbox])
            {
                CommandKey = Command.IdempotencyKey,
                Ingest = Ingest,
                Reply = Reply,
                Reached = Reached,
                Consent = Consent,
            };
        }
    }
}
