using ChatOpsReply.Accountability;
using ChatOpsReply.Guidelines;
using Microsoft.Extensions.Options;
using Stateless.Graph;
using Stateless.Reflection;
using Machine = Stateless.StateMachine<ChatOpsReply.Posts.PostState, ChatOpsReply.Posts.PostTrigger>;

namespace ChatOpsReply.Posts;

/// <summary>
/// The post lifecycle as a Stateless machine, built per decision over the stored state (its current state only).
/// Guards are side-effect free; their descriptions are the sentences a person sees when
/// a click is refused. The machine decides only the next state: what else changes is
/// <see cref="PostTransitions"/>' job, and nothing here does I/O.
/// </summary>
public sealed class PostWorkflow(AccountabilityPolicy policy, ReplyCheck checks)
{
    /// <summary>
    /// Triggers a person can fire from a card, in the order their buttons appear: the next step
    /// first, the panic button last. SLA breaches and follow-ups come from timers and customers.
    /// </summary>
    public static readonly IReadOnlyList<PostTrigger> PersonTriggers =
    [
        PostTrigger.Claim, PostTrigger.TakeOver, PostTrigger.SubmitDraft, PostTrigger.Approve, PostTrigger.RequestChanges, PostTrigger.Send,
        PostTrigger.Resend, PostTrigger.Close, PostTrigger.Reopen, PostTrigger.Release, PostTrigger.Reassign, PostTrigger.Escalate,
        PostTrigger.Dismiss, PostTrigger.RecordConsent, PostTrigger.ResolveCrisis, PostTrigger.DeclareCrisis, PostTrigger.AddNote,
    ];

    public WorkflowDecision Decide(CustomerPost post, PostCommand command, WorkflowFacts facts)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(command);
        var state = post.State;
        var guards = new Guards(post, command, facts, policy, checks);
        var machine = Build(guards, () => state, s => state = s, post.State);
        if (!machine.CanFire(command.Trigger, out var unmet))
        {
            IReadOnlyList<string> reasons = unmet is { Count: > 0 } ? [.. unmet.Distinct()] : [WhyNot(post, command)];
            return WorkflowDecision.Reject(post.State, reasons) with { Findings = guards.DraftFindings, CheckedReply = (command.Input as DraftInput)?.Text };
        }

        machine.Fire(command.Trigger);
        return WorkflowDecision.Allow(state, guards.DraftWarnings) with
        {
            Findings = guards.DraftFindings,
            CheckedReply = (command.Input as DraftInput)?.Text,
            Withheld = command.Trigger == PostTrigger.SendHoldingStatement ? guards.HoldingWithheld : [],
        };
    }

    /// <summary>The triggers this person may use on the post now (for their buttons).</summary>
    public IReadOnlyList<PostTrigger> AvailableTo(CustomerPost post, Person viewer)
    {
        ArgumentNullException.ThrowIfNull(post);
        var state = post.State;
        var probe = new PostCommand(post.Id, PostTrigger.Claim, viewer, "probe", null);
        var machine = Build(new Guards(post, probe, WorkflowFacts.Probe, policy, checks), () => state, _ => { }, post.State);
        return [.. PersonTriggers.Where(t => t != PostTrigger.AddNote && machine.CanFire(t))];
    }

    /// <summary>Whether this person may add notes to the post (a note has a box where the team talks, not a button).</summary>
    public bool MayAddNote(CustomerPost post, Person viewer)
    {
        ArgumentNullException.ThrowIfNull(post);
        var state = post.State;
        var probe = new PostCommand(post.Id, PostTrigger.AddNote, viewer, "probe", null);
        return Build(new Guards(post, probe, WorkflowFacts.Probe, policy, checks), () => state, _ => { }, post.State).CanFire(PostTrigger.AddNote);
    }

    /// <summary>Whether the post waits on this person: theirs to finish, theirs to approve, escalated or in crisis where they can take it, or overdue under their supervision.</summary>
    public bool WaitsOn(CustomerPost post, Person person)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(person);
        return post.State switch
        {
            PostState.Claimed or PostState.Approved => string.Equals(post.Owner, person.Id, StringComparison.OrdinalIgnoreCase)
                || (post.ReplyMissedBy is not null && AvailableTo(post, person).Contains(PostTrigger.TakeOver)),
            PostState.AwaitingApproval => AvailableTo(post, person).Contains(PostTrigger.Approve),
            PostState.Escalated or PostState.Crisis => AvailableTo(post, person).Contains(PostTrigger.Claim),
            _ => false,
        };
    }

    /// <summary>Triggers a person could use in this state, whoever they are (for a message everyone sees).</summary>
    public static IReadOnlyList<PostTrigger> OfferedIn(PostState state) => Offered.Value[state];

    /// <summary>
    /// Triggers a person could use on this post, whoever they are: those of its state, less the ones
    /// the post itself rules out (sending again a reply that was delivered, an opt-in where no texts go,
    /// taking over from an owner who is in time).
    /// </summary>
    public IReadOnlyList<PostTrigger> OfferedOn(CustomerPost post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return [.. OfferedIn(post.State).Where(t => t switch
        {
            PostTrigger.Resend => Guards.LastDelivery(post) is { MaySendAgain: true },
            PostTrigger.RecordConsent => checks.IsTextMessage(post.Source) && post.Consent is not { OptedIn: true },
            PostTrigger.TakeOver => post.ReplyMissedBy is not null && string.Equals(post.ReplyMissedBy, post.Owner, StringComparison.OrdinalIgnoreCase),
            _ => true,
        })];
    }

    /// <summary>The lifecycle as a Mermaid state diagram, for the README and its snapshot test.</summary>
    public static string MermaidDiagram() => MermaidGraph.Format(DescribeMachine().GetInfo(), MermaidGraphDirection.TopToBottom);

    private static readonly Lazy<Dictionary<PostState, IReadOnlyList<PostTrigger>>> Offered = new(() =>
    {
        var info = DescribeMachine().GetInfo();
        return Enum.GetValues<PostState>().ToDictionary(
            s => s,
            s => (IReadOnlyList<PostTrigger>)[.. PersonTriggers.Where(t => t != PostTrigger.AddNote && info.States.Single(i => (PostState)i.UnderlyingState == s).Transitions.Any(x => (PostTrigger)x.Trigger.UnderlyingTrigger == t))]);
    });

    /// <summary>A machine over a placeholder post: its shape, not any post's guards.</summary>
    private static Machine DescribeMachine()
    {
        var post = new CustomerPost
        {
            Id = "diagram",
            Source = "x",
            ExternalId = "diagram",
            Author = new PostAuthor("@customer", null),
            Text = "",
            ReceivedAt = DateTimeOffset.UnixEpoch,
            Queue = "queue",
            Owner = "the owner",
        };
        var options = new GuidelineOptions();
        // Names chosen so the guard sentences read as rules in the diagram.
        var policy = new AccountabilityPolicy(Options.Create(new AccountabilityOptions
        {
            Queues = [new QueueOptions { Name = "queue", DisplayName = "the queue", Chain = [new TierOptions { Name = "current", Roles = [Roles.Frontline] }] }],
        }));
        var guards = new Guards(post, new PostCommand(post.Id, PostTrigger.Claim, Person.System, "diagram", null), WorkflowFacts.None, policy, new ReplyCheck(new ReplyGuidelines(Options.Create(options)), []))
        {
            DescribingOnly = true,
        };
        var state = PostState.Open;
        return Build(guards, () => state, s => state = s, AllStates);
    }

    /// <summary>The states in the order they are configured, which is the order the diagram lists them in.</summary>
    private static readonly PostState[] AllStates =
    [
        PostState.Open, PostState.Escalated, PostState.Claimed, PostState.AwaitingApproval, PostState.Approved,
        PostState.Sent, PostState.Closed, PostState.Dismissed, PostState.Crisis,
    ];

    /// <summary>
    /// A machine with <paramref name="states"/> configured. A decision needs only the post's current
    /// state: Stateless asks no other state's configuration to decide or fire, and every guard it is
    /// given costs a reflection lookup, so configuring the other eight was most of a decision's time.
    /// </summary>
    private static Machine Build(Guards g, Func<PostState> read, Action<PostState> write, params ReadOnlySpan<PostState> states)
    {
        var machine = new Machine(read, write);
        foreach (var state in states)
        {
            Configure(machine.Configure(state), g);
        }

        return machine;
    }

    private static void Configure(Machine.StateConfiguration state, Guards g)
    {
        switch (state.State)
        {
            case PostState.Open:
                ConfigureUnowned(state, g, reenter: false);
                break;
            case PostState.Escalated:
                ConfigureUnowned(state, g, reenter: true);
                break;
            case PostState.Claimed:
                ConfigureOwned(state, g, "submit a reply", reassignStays: true)
                    .PermitReentryIf(PostTrigger.TakeOver, TakeOverGuards(g))
                    .PermitIf(PostTrigger.Escalate, PostState.Escalated, G(g.IsOwnerOrSupervisor, g.OwnerOrSupervisorText("escalate")), G(g.HasNextTier, g.LastTierText));
                break;
            case PostState.AwaitingApproval:
                state
                    .PermitIf(PostTrigger.Approve, PostState.Approved, G(g.IsApprover, g.ApproverText), G(g.IsNotDrafter, FourEyes))
                    .PermitIf(PostTrigger.RequestChanges, PostState.Claimed, G(g.IsApprover, g.ApproverText), G(g.IsNotDrafter, FourEyes), G(g.CommentGiven, "Say what should change."))
                    .PermitDynamicIf(PostTrigger.SubmitDraft, g.DraftDestination, DraftDestinations(), G(g.IsOwner, g.OwnerOnlyText("revise the reply")), G(g.DraftPasses, g.DraftErrorsText))
                    .PermitIf(PostTrigger.Reassign, PostState.Claimed, G(g.MayHandOver, g.MayHandOverText), G(g.AssigneeEligible, g.AssigneeText), G(g.AssigneeIsNotOwner, g.AssigneeIsOwnerText))
                    .InternalTransitionIf(PostTrigger.SlaBreached, _ => g.TimerIsCurrent(), _ => { }, "SLA missed while approval is pending")
                    .PermitIf(PostTrigger.DeclareCrisis, PostState.Crisis, G(g.MayDeclareCrisis, g.MayDeclareCrisisText))
                    .InternalTransitionIf(PostTrigger.CustomerFollowUp, _ => g.IsService(), _ => { }, ServiceOnly);
                break;
            case PostState.Approved:
                // An approved reply goes back to the one who takes over to look at, as on a hand-over.
                ConfigureOwned(state, g, "revise the reply", reassignStays: false)
                    .PermitIf(PostTrigger.TakeOver, PostState.Claimed, TakeOverGuards(g))
                    .PermitIf(PostTrigger.Send, PostState.Sent, G(g.IsOwner, g.OwnerOnlyText("send the reply")), G(g.HasTextConsent, g.ConsentText), G(g.IsUnderTextCap, g.TextCapText), G(g.ChannelTakesReply, g.ChannelRefusalText));
                break;
            case PostState.Sent:
                state
                    .PermitReentryIf(PostTrigger.Resend, G(g.IsOwner, g.OwnerOnlyText("send the reply again")), G(g.LastReplyMaySendAgain, g.NothingToSendAgainText), G(g.OutcomeChecked, g.CheckFirstText), G(g.HasTextConsentToResend, g.ConsentText), G(g.ChannelTakesResend, g.ChannelRefusalText))
                    .PermitIf(PostTrigger.Close, PostState.Closed, G(g.IsOwnerOrSupervisor, g.OwnerOrSupervisorText("close")))
                    .PermitIf(PostTrigger.CustomerFollowUp, PostState.Claimed, G(g.IsService, ServiceOnly))
                    .PermitIf(PostTrigger.DeclareCrisis, PostState.Crisis, G(g.MayDeclareCrisis, g.MayDeclareCrisisText), G(g.IsPanicButton, AnsweredPostsStayText));
                break;
            case PostState.Closed:
            case PostState.Dismissed:
                state.PermitIf(PostTrigger.Reopen, PostState.Open, G(g.IsInChain, g.InChainText("reopen")));
                break;
            case PostState.Crisis:
                state
                    .PermitIf(PostTrigger.Claim, PostState.Claimed, G(g.IsCrisisTeam, Guards.CrisisTeamText("take a post in crisis")))
                    .PermitIf(PostTrigger.ResolveCrisis, PostState.Open, G(g.MayResolveCrisis, Guards.CrisisTeamText("resolve a crisis")))
                    .PermitIf(PostTrigger.Dismiss, PostState.Dismissed, G(g.IsCrisisTeam, Guards.CrisisTeamText("dismiss a post in crisis")), G(g.CommentGiven, "Say why this post needs no reply."))
                    .InternalTransitionIf(PostTrigger.CustomerFollowUp, _ => g.IsService(), _ => { }, ServiceOnly)
                    // The crisis's holding statement, through the same rules as any reply; where they refuse it, the post's history says why.
                    .PermitReentryIf(PostTrigger.SendHoldingStatement, [G(g.IsService, HoldingServiceOnly), G(g.IsInThisCrisis, g.InThisCrisisText), G(g.HoldingNotSentYet, g.HoldingSentText), .. HoldingChannelGuards(g)])
                    .InternalTransitionIf(PostTrigger.SendHoldingStatement, _ => g.IsService() && g.IsInThisCrisis() && g.HoldingNotSentYet() && !g.HoldingGoesOut(), _ => { }, HoldingWithheldText);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(state), state.State, "A state the lifecycle does not know.");
        }

        // Whatever became of the post since, a reply's delivery and the customer's consent are recorded, and the team's notes.
        state
            .PermitReentryIf(PostTrigger.AddNote, G(g.MayAddNote, g.MayAddNoteText), G(g.CommentGiven, "Write the note."))
            .PermitReentryIf(PostTrigger.DeliveryReported, G(g.IsService, DeliveryServiceOnly), G(g.ReportIsNews, g.StaleReportText))
            .PermitReentryIf(PostTrigger.RecordConsent, G(g.MayRecordConsent, g.MayRecordConsentText), G(g.IsTextPost, g.TextPostText), G(g.NeedsOptIn, g.NeedsOptInText), G(g.EvidenceGiven, g.EvidenceText));
    }

    /// <summary>
    /// Claimed and Approved take the same triggers but one: someone owns the post and holds (or
    /// is writing) its reply. A Stateless superstate would need a state no post is ever in, which
    /// every stored state and the lifecycle table would then have to skip; a shared configuration
    /// removes the repetition without one.
    /// </summary>
    /// <param name="reassignStays">Handing over a claimed post keeps it claimed; an approved reply goes back to the new owner to look at.</param>
    private static Machine.StateConfiguration ConfigureOwned(Machine.StateConfiguration state, Guards g, string draftVerb, bool reassignStays)
    {
        state
            .PermitIf(PostTrigger.Release, PostState.Open, G(g.IsOwnerOrSupervisor, g.OwnerOrSupervisorText("release")))
            .PermitDynamicIf(PostTrigger.SubmitDraft, g.DraftDestination, DraftDestinations(), G(g.IsOwner, g.OwnerOnlyText(draftVerb)), G(g.DraftPasses, g.DraftErrorsText))
            .PermitIf(PostTrigger.Dismiss, PostState.Dismissed, G(g.IsOwnerOrSupervisor, g.OwnerOrSupervisorText("dismiss")), G(g.CommentGiven, "Say why this post needs no reply."))
            // A missed reply keeps the owner (and their draft); the queue may choose to move it up instead.
            .PermitIf(PostTrigger.SlaBreached, PostState.Escalated, G(g.TimerIsCurrent, StaleTimer), G(g.HasNextTier, g.LastTierText), G(g.MovesUpOnAnyBreach, MovesUp))
            .InternalTransitionIf(PostTrigger.SlaBreached, _ => g.TimerIsCurrent() && g.HasNextTier() && !g.MovesUpOnAnyBreach(), _ => { }, "SLA missed: the owner keeps it, the next tier may take over")
            .InternalTransitionIf(PostTrigger.SlaBreached, _ => g.TimerIsCurrent() && !g.HasNextTier(), _ => { }, "SLA missed at the last tier")
            .PermitIf(PostTrigger.DeclareCrisis, PostState.Crisis, G(g.MayDeclareCrisis, g.MayDeclareCrisisText))
            .InternalTransitionIf(PostTrigger.CustomerFollowUp, _ => g.IsService(), _ => { }, ServiceOnly);
        var handOver = new[] { G(g.MayHandOver, g.MayHandOverText), G(g.AssigneeEligible, g.AssigneeText), G(g.AssigneeIsNotOwner, g.AssigneeIsOwnerText) };
        return reassignStays
            ? state.PermitReentryIf(PostTrigger.Reassign, handOver)
            : state.PermitIf(PostTrigger.Reassign, PostState.Claimed, handOver);
    }

    /// <summary>Open and Escalated take the same triggers: nobody owns the post in either.</summary>
    private static void ConfigureUnowned(Machine.StateConfiguration state, Guards g, bool reenter)
    {
        state
            .PermitIf(PostTrigger.Claim, PostState.Claimed, G(g.IsInTierOrAbove, g.InTierOrAboveText("claim")))
            .PermitIf(PostTrigger.Reassign, PostState.Claimed, G(g.MayHandOver, g.MayHandOverText), G(g.AssigneeEligible, g.AssigneeText))
            .PermitIf(PostTrigger.Dismiss, PostState.Dismissed, G(g.IsInTierOrAbove, g.InTierOrAboveText("dismiss")), G(g.CommentGiven, "Say why this post needs no reply."))
            .InternalTransitionIf(PostTrigger.SlaBreached, _ => g.TimerIsCurrent() && !g.HasNextTier(), _ => { }, "SLA missed at the last tier")
            .PermitIf(PostTrigger.DeclareCrisis, PostState.Crisis, G(g.MayDeclareCrisis, g.MayDeclareCrisisText))
            .InternalTransitionIf(PostTrigger.CustomerFollowUp, _ => g.IsService(), _ => { }, ServiceOnly);
        if (reenter)
        {
            state
                .PermitReentryIf(PostTrigger.Escalate, G(g.IsInChain, g.InChainText("escalate")), G(g.HasNextTier, g.LastTierText))
                .PermitReentryIf(PostTrigger.SlaBreached, G(g.TimerIsCurrent, StaleTimer), G(g.HasNextTier, g.LastTierText));
        }
        else
        {
            state
                .PermitIf(PostTrigger.Escalate, PostState.Escalated, G(g.IsInChain, g.InChainText("escalate")), G(g.HasNextTier, g.LastTierText))
                .PermitIf(PostTrigger.SlaBreached, PostState.Escalated, G(g.TimerIsCurrent, StaleTimer), G(g.HasNextTier, g.LastTierText));
        }
    }

    private const string MovesUp = "The queue moves a post up on a missed reply.";

    private const string HoldingServiceOnly = "Only ChatOpsReply sends a crisis's holding statement, once it is approved.";

    private const string HoldingWithheldText = "Where the post's channel refuses it, why is recorded on the post.";

    /// <summary>What a holding statement must pass on the post's channel, as any reply: filled in, the house rules and length, opt-in, the cap, the platform now.</summary>
    private static Tuple<Func<bool>, string>[] HoldingChannelGuards(Guards g) =>
        [G(g.HoldingFilled, g.HoldingUnfilledText), G(g.DraftPasses, g.DraftErrorsText), G(g.HasTextConsent, g.ConsentText), G(g.IsUnderTextCap, g.TextCapText), G(g.ChannelTakesReply, g.ChannelRefusalText)];

    private static Tuple<Func<bool>, string>[] TakeOverGuards(Guards g) =>
        [G(g.ReplyWasMissed, g.ReplyWasMissedText), G(g.IsInTierOrAbove, g.InTierOrAboveText("take over"))];

    private const string FourEyes = "You drafted this reply, so someone else must approve it (four eyes).";
    private const string StaleTimer = "This SLA timer is no longer current.";
    private const string AnsweredPostsStayText = "This post was answered already: a declared crisis takes only posts still waiting for a reply.";
    private const string ServiceOnly = "Only ChatOpsReply records the customer's messages.";
    private const string DeliveryServiceOnly = "Only ChatOpsReply records how a reply was delivered.";

    private static DynamicStateInfos DraftDestinations() => new()
    {
        { nameof(PostState.AwaitingApproval), "sensitive, not a pre-approved answer" },
        { nameof(PostState.Approved), "needs no approval" },
    };

    private static Tuple<Func<bool>, string> G(Func<bool> guard, string description) => Tuple.Create(guard, description);

    /// <summary>Why a trigger the state does not take at all was refused, in words.</summary>
    private string WhyNot(CustomerPost post, PostCommand command)
    {
        var ownerName = policy.People.NameOf(post.Owner);
        var self = post.Owner is not null && string.Equals(post.Owner, command.Actor.Id, StringComparison.OrdinalIgnoreCase);
        return (command.Trigger, post.State) switch
        {
            (PostTrigger.Claim, PostState.Claimed or PostState.AwaitingApproval or PostState.Approved) when self => "You already claimed this post.",
            (PostTrigger.Claim, PostState.Claimed or PostState.AwaitingApproval or PostState.Approved) => $"{ownerName} already claimed this post.",
            (PostTrigger.Claim, PostState.Sent) => $"{ownerName} already answered this post.",
            (PostTrigger.Approve or PostTrigger.RequestChanges, _) => "There is no reply waiting for approval.",
            (PostTrigger.Send, PostState.Claimed) => "Submit the reply first.",
            (PostTrigger.Send, PostState.AwaitingApproval) => "The reply is still waiting for approval.",
            (PostTrigger.Send, PostState.Sent) => "This reply was already sent.",
            (PostTrigger.SubmitDraft, PostState.Open or PostState.Escalated) => "Claim the post before you draft a reply.",
            _ => $"You can't {PostLabels.Verb(command.Trigger)} a post that is {PostLabels.State(post.State).ToLowerInvariant()}.",
        };
    }

    /// <summary>The guards of one decision, with the sentences that explain them.</summary>
    private sealed class Guards
    {
        private readonly CustomerPost _post;
        private readonly PostCommand _command;
        private readonly WorkflowFacts _facts;
        private readonly AccountabilityPolicy _policy;
        private readonly Queue _queue;
        private readonly Person _actor;
        private readonly Lazy<GuidelineReport> _draftReport;
        private readonly ReplyCheck _guidelines;

        public Guards(CustomerPost post, PostCommand command, WorkflowFacts facts, AccountabilityPolicy policy, ReplyCheck guidelines)
        {
            _post = post;
            _command = command;
            _facts = facts;
            _policy = policy;
            _guidelines = guidelines;
            _queue = policy.Queue(post.Queue);
            _actor = command.Actor;
            // Only a draft and a holding statement are checked against the guidelines; other commands carry no reply text.
            _draftReport = new Lazy<GuidelineReport>(() => command.Input switch
            {
                DraftInput draft when command.Trigger == PostTrigger.SubmitDraft => guidelines.Check(post, draft.Text),
                HoldingInput { Text: { } holding } when command.Trigger == PostTrigger.SendHoldingStatement => guidelines.Check(post, holding),
                _ when command.Trigger == PostTrigger.SubmitDraft => guidelines.Check(post, null),
                _ => GuidelineReport.Clean,
            });
        }

        /// <summary>Set when the machine is built only to draw it.</summary>
        public bool DescribingOnly { get; init; }

        private string OwnerName => _policy.People.NameOf(_post.Owner);

        private string CustomerName => _post.Author.FirstName;

        private bool Probing => _facts.IsProbe;

        public IReadOnlyList<string> DraftWarnings => _draftReport.IsValueCreated ? _draftReport.Value.Warnings : [];

        public IReadOnlyList<GuidelineFinding> DraftFindings => _draftReport.IsValueCreated ? _draftReport.Value.Findings : [];

        public bool IsService() => ReferenceEquals(_actor, Person.System) || _actor.Id == Person.System.Id;

        public bool IsOwner() => _post.Owner is not null && string.Equals(_post.Owner, _actor.Id, StringComparison.OrdinalIgnoreCase);

        public bool IsOwnerOrSupervisor() => IsOwner() || IsChainSupervisor();

        public bool IsInChain() => _queue.IsInChain(_actor);

        public bool IsInTierOrAbove() => _queue.IsInTierOrAbove(_actor, _post.Tier);

        public bool HasNextTier() => _queue.HasTierAfter(_post.Tier);

        public bool IsCrisisTeam() => _actor.HasRole(_policy.CrisisRole);

        public bool MayDeclareCrisis() => IsInChain() || IsCrisisTeam() || _actor.IsSupervisor;

        /// <summary>The crisis team; and for a declared crisis (Crises/), the managers who may declare one on a spike too.</summary>
        public bool MayResolveCrisis() => IsCrisisTeam() || (_command.Input is CrisisInput && (_actor.HasRole(Roles.Manager) || _actor.HasRole(Roles.Admin)));

        /// <summary>One post's panic button, not a declared crisis moving every post it covers.</summary>
        public bool IsPanicButton() => _command.Input is not CrisisInput;

        /// <summary>The owner, a lead of the chain, or anyone of the tier the post has climbed to (they supervise it).</summary>
        public bool MayHandOver() => IsOwner() || IsChainSupervisor() || (_post.Tier > 0 && IsInTierOrAbove());

        public bool MovesUpOnAnyBreach() => _queue.MoveUpOnAnyBreach;

        /// <summary>The owner who missed the reply still holds the post.</summary>
        public bool ReplyWasMissed() =>
            DescribingOnly || (_post.ReplyMissedBy is not null && string.Equals(_post.ReplyMissedBy, _post.Owner, StringComparison.OrdinalIgnoreCase));

        public bool IsApprover() => _actor.HasRole(ApproverRole);

        public bool IsNotDrafter() => _post.Draft is null || !string.Equals(_post.Draft.DraftedBy, _actor.Id, StringComparison.OrdinalIgnoreCase);

        public bool CommentGiven() => Probing || !string.IsNullOrWhiteSpace(_command.Input.Comment);

        /// <summary>Anyone in the queue's chain, down included: a lead gives a post back to frontline.</summary>
        public bool AssigneeEligible() =>
            Probing || (_policy.People.Find(AssignTo) is { } assignee && _queue.IsInChain(assignee));

        public bool AssigneeIsNotOwner() => Probing || !string.Equals(AssignTo, _post.Owner, StringComparison.OrdinalIgnoreCase);

        public bool DraftPasses() => Probing || _draftReport.Value.Passes;

        public bool TimerIsCurrent() => CustomerPost.SameDueTime(_post.NextSlaDueAt, (_command.Input as BreachInput)?.DueAt);

        public bool HasTextConsent() => Probing || _guidelines.ConsentFinding(_post, _facts.Consent) is null;

        public bool IsUnderTextCap() => Probing || _guidelines.CapFinding(_post, _facts.RecentTexts) is null;

        public bool ChannelTakesReply() => Probing || _facts.ChannelRefusal is null;

        public bool ReportIsNews() =>
            _command.Input is DeliveryInput report && report.Number >= 1 && report.Number <= _post.Replies.Count
            && _post.Replies[report.Number - 1].Delivery.IsMovedOnBy(report.Report);

        public bool LastReplyMaySendAgain() => LastDelivery(_post) is { MaySendAgain: true };

        /// <summary>An outcome nobody knows is sent again only by someone who looked first and says what they found.</summary>
        public bool OutcomeChecked() => Probing || LastDelivery(_post)?.Status != ReplyDeliveryStatus.Unknown || Check is not null;

        public bool HasTextConsentToResend() => Check == ResendCheck.Arrived || HasTextConsent();

        public bool ChannelTakesResend() => Check == ResendCheck.Arrived || ChannelTakesReply();

        private HoldingInput? Holding => _command.Input as HoldingInput;

        /// <summary>The holding statement is for the crisis the post is in.</summary>
        public bool IsInThisCrisis() => DescribingOnly || (Holding is { } holding && string.Equals(_post.CrisisId, holding.CrisisId, StringComparison.Ordinal));

        public string InThisCrisisText => DescribingOnly ? "The post is in the crisis." : "This post is no longer in the crisis the holding statement is for.";

        /// <summary>Once a crisis: however many instances or retries try again.</summary>
        public bool HoldingNotSentYet() => DescribingOnly || !_post.Replies.Any(r => r.HoldingFor is not null && r.HoldingFor == Holding?.CrisisId);

        public string HoldingSentText => DescribingOnly ? "The post has not had it yet." : $"{CustomerName} has had this crisis's holding statement already.";

        public bool HoldingFilled() => DescribingOnly || Holding?.Text is not null;

        public string HoldingUnfilledText => DescribingOnly ? "It is filled in for the customer." : Holding?.Unfilled ?? "The holding statement has nothing to fill in for this customer.";

        public bool HoldingGoesOut() => HoldingFilled() && DraftPasses() && HasTextConsent() && IsUnderTextCap() && ChannelTakesReply();

        /// <summary>Why the holding statement may not go out on this post's channel now, each rule's sentence; empty when it goes.</summary>
        public IReadOnlyList<string> HoldingWithheld =>
            [.. new (Func<bool> Passes, Func<string> Why)[]
            {
                (HoldingFilled, () => HoldingUnfilledText), (DraftPasses, () => DraftErrorsText), (HasTextConsent, () => ConsentText),
                (IsUnderTextCap, () => TextCapText), (ChannelTakesReply, () => ChannelRefusalText),
            }.Where(rule => !rule.Passes()).Select(rule => rule.Why())];

        /// <summary>The queue's chain, the post's approvers and the crisis team: everyone who may act on it.</summary>
        public bool MayAddNote() => !IsService() && (IsInChain() || IsCrisisTeam() || IsApprover() || _actor.HasRole(Roles.Admin));

        public string MayAddNoteText => DescribingOnly
            ? "Only the people who work the post can add notes."
            : $"Only people in {_queue.DisplayName}'s chain, its approvers and the crisis team can add notes to this post.";

        public bool MayRecordConsent() => IsService() || IsChainSupervisor();

        public bool IsTextPost() => _guidelines.IsTextMessage(_post.Source);

        public bool NeedsOptIn() => IsService() || _post.Consent is not { OptedIn: true };

        public bool EvidenceGiven() => IsService() ? (_command.Input as ConsentInput)?.Record is not null : CommentGiven();

        /// <summary>The delivery of the post's last reply, or null before any.</summary>
        public static ReplyDelivery? LastDelivery(CustomerPost post) => post.Replies.Count > 0 ? post.Replies[^1].Delivery : null;

        private ResendCheck? Check => (_command.Input as ResendInput)?.Check;

        /// <summary>Sensitive posts need approval unless the reply is a pre-approved library answer, unmodified.</summary>
        public PostState DraftDestination() =>
            !DescribingOnly && (_post.Sensitivity is null || _facts.VerifiedAnswer is { Unmodified: true, LegalApproved: true })
                ? PostState.Approved
                : PostState.AwaitingApproval;

        private string ApproverRole => _policy.ApproverRole(_post.Sensitivity);

        private string? AssignTo => (_command.Input as HandOverInput)?.AssignTo;

        /// <summary>A lead, manager or admin of this queue's chain (an admin anywhere).</summary>
        private bool IsChainSupervisor() => _actor.HasRole(Roles.Admin) || (_actor.IsSupervisor && IsInChain());

        public string InTierOrAboveText(string verb)
        {
            var tiers = _queue.Tiers.Skip(Math.Max(_post.Tier, 0)).Select(t => t.Name).ToList();
            var who = tiers.Count switch
            {
                0 => "the chain",
                1 => $"the {tiers[0]} tier",
                _ => $"the {string.Join(", ", tiers[..^1])} or {tiers[^1]} tiers",
            };
            return $"Only people in {who} of {_queue.DisplayName} can {verb} this post.";
        }

        public string InChainText(string verb) => $"Only people in {_queue.DisplayName}'s chain can {verb} this post.";

        public string OwnerOnlyText(string what) => (_post.Owner, DescribingOnly) switch
        {
            (_, true) => $"Only the owner can {what}.",
            (null, _) => $"Claim the post before you {what}.",
            _ => $"Only {OwnerName}, who owns this post, can {what}.",
        };

        public string OwnerOrSupervisorText(string verb) => $"Only {OwnerName} or a lead of {_queue.DisplayName} can {verb} this post.";

        public string MayHandOverText => $"Only the owner or a lead of {_queue.DisplayName} can hand this post to someone.";

        public string AssigneeText => AssignTo is not { Length: > 0 } id
            ? "Choose who should take this post."
            : _policy.People.Find(id) is { } p
                ? $"{p.Name} is not in the {_queue.TierAt(0).Name} tier of {_queue.DisplayName} or above."
                : $"ChatOpsReply does not know anyone called '{id}'.";

        public string AssigneeIsOwnerText => DescribingOnly ? "The new owner is someone else." : $"{OwnerName} already owns this post.";

        public string ReplyWasMissedText => DescribingOnly
            ? "The owner missed the reply limit."
            : $"{OwnerName} has not missed a reply limit on this post: ask them or a lead to hand it over.";

        public string LastTierText => $"This post is already at the last tier of {_queue.DisplayName} ({_queue.TierAt(_post.Tier).Name}).";

        public string ApproverText => $"Only {ApproverRole} can approve replies to sensitive posts.";

        public static string CrisisTeamText(string what) => $"Only the crisis team can {what}.";

        public string MayDeclareCrisisText => $"Only people in {_queue.DisplayName}'s chain or the crisis team can hit the panic button.";

        public string DraftErrorsText => DescribingOnly || Probing || _command.Trigger is not (PostTrigger.SubmitDraft or PostTrigger.SendHoldingStatement)
            ? "The reply follows the guidelines."
            : string.Join(" ", _draftReport.Value.Errors);

        public string ConsentText => DescribingOnly ? "A text needs the customer's opt-in." : _guidelines.ConsentFinding(_post, _facts.Consent)?.Message ?? "";

        public string ChannelRefusalText => DescribingOnly ? "The customer's platform takes the reply now." : _facts.ChannelRefusal?.Message ?? "";

        public string StaleReportText => DescribingOnly
            ? "The report says something new about the reply."
            : "This delivery report says nothing new: as much or more is recorded already, or it is about another sending of the reply.";

        public string NothingToSendAgainText => DescribingOnly
            ? "The last reply was not delivered, or nobody knows whether it was."
            : LastDelivery(_post) switch
            {
                null => "There is no reply to send again.",
                { Status: ReplyDeliveryStatus.Pending } => "The reply is still on its way.",
                { Reached: true } => $"The reply reached {CustomerName}: there is nothing to send again.",
                { Reason: { } reason } => $"{reason} Sending it again cannot change that.",
                _ => "This reply cannot be sent again.",
            };

        public string CheckFirstText => DescribingOnly
            ? "The outcome was checked first."
            : $"Check on {PostLabels.Source(_post.Source)} whether {CustomerName} got the reply, then say what you found: it is never sent twice without a look.";

        public string MayRecordConsentText => DescribingOnly ? "Only a lead of the queue can record an opt-in." : $"Only a lead of {_queue.DisplayName} can record {CustomerName}'s opt-in to texts.";

        public string TextPostText => DescribingOnly ? "Replies to the post are text messages." : $"Replies on {PostLabels.Source(_post.Source)} are no text messages: there is no opt-in to record.";

        public string NeedsOptInText => DescribingOnly ? "The customer has not opted in yet." : $"{CustomerName} has already opted in to texts.";

        public string EvidenceText => DescribingOnly ? "The evidence is given." : $"Say how {CustomerName} agreed to texts (on a call, on a signed form…): it is the evidence.";

        public string TextCapText => DescribingOnly ? "Texts stay within the frequency cap." : _guidelines.CapFinding(_post, _facts.RecentTexts)?.Message ?? "";
    }
}
