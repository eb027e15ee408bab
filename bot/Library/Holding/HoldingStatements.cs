using ChatOpsReply.Accountability;
using ChatOpsReply.Crises;
using ChatOpsReply.Library.Model;
using ChatOpsReply.Library.Replies;
using ChatOpsReply.Library.Search;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Library.Holding;

/// <summary>
/// A declared crisis's holding statement: someone who may act on the crisis (<see cref="SpikeAlerts.MayAnswer"/>)
/// chooses an approved, crisis-safe answer, unchanged; someone else with the approver role of reply approvals approves
/// or rejects it with a reason; approved, it goes to every post still in the crisis, each by its own
/// <see cref="PostTrigger.SendHoldingStatement"/> command (so each is audited, meets its own channel's rules and is
/// sent once however often it is tried), and to each post that joins the crisis later.
/// </summary>
public sealed partial class HoldingStatements(
    ICrisisStore crises,
    ISpikeStore spikes,
    ICannedAnswerStore answers,
    AnswerLibrary library,
    IPostStore posts,
    HoldingReports reports,
    PostCommandHandler handler,
    SpikeWatch watch,
    SpikeAlerts alerts,
    AccountabilityPolicy policy,
    OutboxSignal outboxSignal,
    TimeProvider time,
    ILogger<HoldingStatements> logger) : ICrisisJoins
{
    /// <summary>The most answers offered to choose from.</summary>
    public const int MaxChoices = 50;

    public const string NotDeclaredText = "This crisis is resolved: it takes no holding statement now.";

    public const string ChooseText = "Answer: choose an approved, crisis-safe answer of the library.";

    public const string ReasonText = "Reason: say why the holding statement is rejected.";

    /// <summary>The role that approves a holding statement: the one that approves replies (a crisis's posts need no sensitivity to be public).</summary>
    public string ApproverRole => reports.ApproverRole;

    /// <summary>Whether this person may approve or reject a holding statement (not whether it is theirs: see <see cref="DecideAsync"/>).</summary>
    public bool MayApprove(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return person.HasRole(ApproverRole);
    }

    /// <summary>The answers that may be a crisis's holding statement: approved, crisis-safe, suited to its queue.</summary>
    public Task<IReadOnlyList<CannedAnswer>> ChoicesAsync(Crisis crisis, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(crisis);
        return library.FindAsync(null, new AnswerFilters { Queue = crisis.Queue, Statuses = AnswerFilters.ApprovedOnly, CrisisSafeOnly = true }, MaxChoices, cancellationToken);
    }

    /// <summary>The post previews are filled in for: the crisis's first post still in it, else one of its queue's customers made up.</summary>
    public async Task<CustomerPost> SampleAsync(Crisis crisis, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(crisis);
        var inCrisis = await InCrisisAsync(crisis, 1, cancellationToken).ConfigureAwait(false);
        return inCrisis.Count > 0 ? inCrisis[0] : new CustomerPost
        {
            Id = "sample",
            Source = "x",
            ExternalId = "sample",
            Author = new PostAuthor("@customer", "Ana Lopez"),
            Text = string.Join(", ", crisis.Terms),
            ReceivedAt = crisis.DeclaredAt,
            Queue = crisis.Queue,
        };
    }

    /// <summary>An answer as it would go to <paramref name="sample"/>, chosen by <paramref name="chooser"/>.</summary>
    public static string Preview(CannedAnswer answer, CustomerPost sample, Person chooser) => AnswerPersonalisation.RenderFor(answer, sample, chooser).Draft;

    /// <summary>Records the chosen answer as the crisis's holding statement, waiting for approval.</summary>
    public async Task<HoldingAnswer> ProposeAsync(string crisisId, string? answerId, Person person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (!alerts.MayAnswer(person))
        {
            return HoldingAnswer.Told(SpikeAlerts.NotYoursText);
        }

        if (await crises.GetAsync(crisisId, cancellationToken).ConfigureAwait(false) is not { } crisis)
        {
            return HoldingAnswer.Told(CrisisDeclarations.UnknownCrisisText);
        }

        if (crisis.Status != CrisisStatus.Declared)
        {
            return HoldingAnswer.Told(NotDeclaredText);
        }

        if (string.IsNullOrWhiteSpace(answerId) || await answers.GetAsync(answerId.Trim(), cancellationToken).ConfigureAwait(false) is not { Status: AnswerStatus.Approved, CrisisSafe: true } answer
            || !new AnswerFilters { Queue = crisis.Queue, Statuses = AnswerFilters.ApprovedOnly }.Accepts(answer))
        {
            return HoldingAnswer.Wrong(ChooseText);
        }

        var now = time.GetUtcNow();
        var proposal = new HoldingStatement(Guid.CreateVersion7(now).ToString("N"), answer.Id, answer.Version, answer.Title, person.Id, now);
        var recorded = await crises.ProposeHoldingAsync(crisis.Id, proposal, await AlertAsync(crisis, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        if (recorded?.Holding is not { } holding)
        {
            return HoldingAnswer.Told(CrisisDeclarations.UnknownCrisisText);
        }

        if (holding.Id != proposal.Id)
        {
            return HoldingAnswer.Told(reports.Standing(recorded, holding));
        }

        outboxSignal.Notify();
        LogProposed(crisis.Id, answer.Id, person.Id);
        return HoldingAnswer.Told($"Holding statement \"{answer.Title}\" chosen: it waits for {ApproverRole}'s approval (someone other than you).") with { Recorded = recorded };
    }

    /// <summary>Why this person may not approve or reject holding statement <paramref name="holdingId"/> of the crisis now; null when they may.</summary>
    public string? WhyNotDecide(Crisis? crisis, string? holdingId, Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (!MayApprove(person))
        {
            return $"Only {ApproverRole} can approve a crisis's holding statement.";
        }

        if (crisis is null)
        {
            return CrisisDeclarations.UnknownCrisisText;
        }

        if (crisis.Status != CrisisStatus.Declared)
        {
            return NotDeclaredText;
        }

        if (crisis.Holding is not { Status: HoldingStatus.Proposed } holding || holding.Id != holdingId)
        {
            return crisis.Holding is { } shown ? reports.Standing(crisis, shown) : "No holding statement waits for approval on this crisis.";
        }

        return string.Equals(holding.ChosenBy, person.Id, StringComparison.OrdinalIgnoreCase)
            ? "You chose this holding statement, so someone else must approve it (four eyes)."
            : null;
    }

    /// <summary>
    /// Approves or rejects the holding statement <paramref name="holdingId"/> of the crisis; approved, it is sent to
    /// every post in the crisis before this answers.
    /// </summary>
    public async Task<HoldingAnswer> DecideAsync(string crisisId, string? holdingId, bool approve, string? reason, Person person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var crisis = await crises.GetAsync(crisisId, cancellationToken).ConfigureAwait(false);
        if (WhyNotDecide(crisis, holdingId, person) is { } refused)
        {
            return HoldingAnswer.Told(refused);
        }

        var holding = crisis!.Holding!;
        var why = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (!approve && why is null)
        {
            return HoldingAnswer.Wrong(ReasonText);
        }

        var decided = holding with { Status = approve ? HoldingStatus.Approved : HoldingStatus.Rejected, DecidedBy = person.Id, DecidedAt = time.GetUtcNow(), Reason = why };
        var recorded = await crises.DecideHoldingAsync(crisis.Id, decided, await AlertAsync(crisis, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        if (recorded?.Holding is not { } now || now != decided)
        {
            return HoldingAnswer.Told(recorded?.Holding is { } other ? reports.Standing(recorded, other) : CrisisDeclarations.UnknownCrisisText);
        }

        outboxSignal.Notify();
        LogDecided(crisis.Id, now.Status, person.Id);
        var done = HoldingAnswer.Told("") with { Recorded = recorded };
        if (!approve)
        {
            return done with { Said = $"Holding statement \"{holding.Title}\" rejected: {why} {policy.People.NameOf(holding.ChosenBy)} can choose another." };
        }

        var sends = await SendAsync(recorded, cancellationToken).ConfigureAwait(false);
        return done with { Said = $"Holding statement \"{holding.Title}\" approved. {await reports.ReportAsync(sends, cancellationToken).ConfigureAwait(false)}" };
    }

    /// <summary>
    /// The approved holding statement to every post in the crisis that has no outcome yet, each by its own command:
    /// after an approval, and again by <see cref="HoldingStatementSweep"/> (a restart, another instance, a post that joined).
    /// </summary>
    public async Task<IReadOnlyList<HoldingOutcome>> SendAsync(Crisis crisis, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(crisis);
        if (crisis is not { Status: CrisisStatus.Declared, Holding.Status: HoldingStatus.Approved })
        {
            return [];
        }

        var done = (await crises.HoldingOutcomesAsync(crisis.Id, cancellationToken).ConfigureAwait(false)).Select(o => o.PostId).ToHashSet(StringComparer.Ordinal);
        return await SendToAsync(crisis, [.. (await InCrisisAsync(crisis, CrisisDeclarations.MaxPosts, cancellationToken).ConfigureAwait(false)).Where(p => !done.Contains(p.Id))], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A post just moved into the crisis on arrival: it gets the holding statement too, when one is approved.</summary>
    public async Task JoinedAsync(Crisis crisis, string postId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(crisis);
        // The crisis as stored: the one in memory may not know of an approval made on another instance.
        if (await crises.GetAsync(crisis.Id, cancellationToken).ConfigureAwait(false) is { Status: CrisisStatus.Declared, Holding.Status: HoldingStatus.Approved } current
            && await posts.GetAsync(postId, cancellationToken).ConfigureAwait(false) is { State: PostState.Crisis } post && post.CrisisId == current.Id)
        {
            await SendToAsync(current, [post], cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<HoldingOutcome>> SendToAsync(Crisis crisis, IReadOnlyList<CustomerPost> waiting, CancellationToken cancellationToken)
    {
        var holding = crisis.Holding!;
        if (waiting.Count == 0 || await answers.GetVersionAsync(holding.AnswerId, holding.AnswerVersion, cancellationToken).ConfigureAwait(false) is not { } answer)
        {
            return [];
        }

        var outcomes = new List<HoldingOutcome>();
        foreach (var post in waiting)
        {
            var outcome = await SendOneAsync(crisis, holding, answer, post, cancellationToken).ConfigureAwait(false);
            await crises.RecordHoldingOutcomesAsync(crisis.Id, [outcome], [], cancellationToken).ConfigureAwait(false);
            outcomes.Add(outcome);
        }

        if (outcomes.Count > 0)
        {
            // One refresh of the alert for the lot, so it says how it went.
            await crises.RecordHoldingOutcomesAsync(crisis.Id, [], await AlertAsync(crisis, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            outboxSignal.Notify();
            var sent = outcomes.Count(o => o.Sent);
            LogSent(crisis.Id, sent, outcomes.Count - sent);
        }

        return outcomes;
    }

    private async Task<HoldingOutcome> SendOneAsync(Crisis crisis, HoldingStatement holding, CannedAnswer answer, CustomerPost post, CancellationToken cancellationToken)
    {
        // Signed as the one who chose it ({agent.name}), as a reply of theirs would be.
        var chooser = policy.People.Find(holding.ChosenBy) ?? Person.System;
        var rendering = AnswerPersonalisation.RenderFor(answer, post, chooser);
        var input = new HoldingInput(crisis.Id, rendering.Text, new CannedAnswerUse(answer.Id, answer.Version, Unmodified: true, answer.IsLegalApproved), chooser.Id, $"chosen by {chooser.Name}, approved by {policy.People.NameOf(holding.DecidedBy)}")
        {
            Unfilled = rendering.Message,
        };
        var result = await handler.HandleAsync(new PostCommand(post.Id, PostTrigger.SendHoldingStatement, Person.System, SurfaceNames.Crisis, $"holding:{crisis.Id}:{post.Id}") { Input = input }, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var wasSent = result.Post?.Replies.Any(r => r.HoldingFor == crisis.Id) == true;
        return (result.Outcome, wasSent) switch
        {
            (_, true) => new HoldingOutcome(post.Id, Sent: true, null, now),
            (CommandOutcome.Applied, false) => new HoldingOutcome(post.Id, Sent: false, string.Join(" ", result.Withheld), now),
            // Recorded before by another instance or a try cut short: its history says why.
            (CommandOutcome.AlreadyApplied, false) => new HoldingOutcome(post.Id, Sent: false, "Not sent: its history says why.", now),
            _ => new HoldingOutcome(post.Id, Sent: false, result.Message, now),
        };
    }

    /// <summary>The posts still in the crisis, waiting for the team (not those someone took to answer).</summary>
    private async Task<IReadOnlyList<CustomerPost>> InCrisisAsync(Crisis crisis, int limit, CancellationToken cancellationToken)
    {
        var inCrisis = await posts.ListAsync(new PostQuery { Queue = crisis.Queue, States = [PostState.Crisis], Limit = CrisisDeclarations.MaxPosts }, cancellationToken).ConfigureAwait(false);
        return [.. inCrisis.Where(p => p.CrisisId == crisis.Id).OrderBy(p => p.ReceivedAt).ThenBy(p => p.Id, StringComparer.Ordinal).Take(limit)];
    }

    /// <summary>The messages that show the crisis's alert again, when it has one.</summary>
    private async Task<IReadOnlyList<OutboxMessage>> AlertAsync(Crisis crisis, CancellationToken cancellationToken) =>
        crisis.SpikeId is { } spikeId && await spikes.GetAsync(spikeId, cancellationToken).ConfigureAwait(false) is { } spike ? watch.AlertMessages(spike, time.GetUtcNow()) : [];

    [LoggerMessage(Level = LogLevel.Information, Message = "Crisis {CrisisId}: answer {AnswerId} chosen as its holding statement by {Person}")]
    private partial void LogProposed(string crisisId, string answerId, string person);

    [LoggerMessage(Level = LogLevel.Information, Message = "Crisis {CrisisId}: holding statement {Status} by {Person}")]
    private partial void LogDecided(string crisisId, HoldingStatus status, string person);

    [LoggerMessage(Level = LogLevel.Information, Message = "Crisis {CrisisId}: holding statement sent to {Sent} posts, not sent to {Withheld}")]
    private partial void LogSent(string crisisId, int sent, int withheld);
}

/// <summary>What choosing or deciding on a holding statement came to: a sentence for the person, or the field they got wrong.</summary>
/// <param name="Error">"Field: what to do", for a field the person got wrong; nothing was recorded then.</param>
public sealed record HoldingAnswer(string? Said, string? Error)
{
    /// <summary>The crisis as recorded now, when this request changed it.</summary>
    public Crisis? Recorded { get; init; }

    public static HoldingAnswer Told(string said) => new(said, null);

    public static HoldingAnswer Wrong(string error) => new(null, error);
}
