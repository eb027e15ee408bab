using ChatOpsReply.Accountability;
using ChatOpsReply.Cards;
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
    public string ApproverRole => policy.ApproverRole(null);

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

    /// <summary>
    /// Records the chosen answer as the crisis's holding statement, waiting for approval. Answers the sentence for the
    /// person, and null for a field they got wrong (then <paramref name="error"/> names it).
    /// </summary>
    public async Task<(string? Said, string? Error)> ProposeAsync(string crisisId, string? answerId, Person person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (!alerts.MayAnswer(person))
        {
            return (SpikeAlerts.NotYoursText, null);
        }

        if (await crises.GetAsync(crisisId, cancellationToken).ConfigureAwait(false) is not { } crisis)
        {
            return (CrisisDeclarations.UnknownCrisisText, null);
        }

        if (crisis.Status != CrisisStatus.Declared)
        {
            return (NotDeclaredText, null);
        }

        if (string.IsNullOrWhiteSpace(answerId) || await answers.GetAsync(answerId.Trim(), cancellationToken).ConfigureAwait(false) is not { Status: AnswerStatus.Approved, CrisisSafe: true } answer
            || !new AnswerFilters { Queue = crisis.Queue, Statuses = AnswerFilters.ApprovedOnly }.Accepts(answer))
        {
            return (null, ChooseText);
        }

        var now = time.GetUtcNow();
        var proposal = new HoldingStatement(Guid.CreateVersion7(now).ToString("N"), answer.Id, answer.Version, answer.Title, person.Id, now);
        var recorded = await crises.ProposeHoldingAsync(crisis.Id, proposal, await AlertAsync(crisis, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        if (recorded?.Holding is not { } holding)
        {
            return (CrisisDeclarations.UnknownCrisisText, null);
        }

        if (holding.Id != proposal.Id)
        {
            return (Standing(recorded, holding), null);
        }

        outboxSignal.Notify();
        LogProposed(crisis.Id, answer.Id, person.Id);
        return ($"Holding statement \"{answer.Title}\" chosen: it waits for {ApproverRole}'s approval (someone other than you).", null);
    }

    /// <summary>
    /// Approves or rejects the holding statement <paramref name="holdingId"/> of the crisis; approved, it is sent to
    /// every post in the crisis before this answers. The sentence for the person, or the field they got wrong.
    /// </summary>
    public async Task<(string? Said, string? Error)> DecideAsync(string crisisId, string? holdingId, bool approve, string? reason, Person person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (!MayApprove(person))
        {
            return ($"Only {ApproverRole} can approve a crisis's holding statement.", null);
        }

        if (await crises.GetAsync(crisisId, cancellationToken).ConfigureAwait(false) is not { } crisis)
        {
            return (CrisisDeclarations.UnknownCrisisText, null);
        }

        if (crisis.Holding is not { } holding || holding.Id != holdingId || holding.Status != HoldingStatus.Proposed || crisis.Status != CrisisStatus.Declared)
        {
            return (crisis.Status != CrisisStatus.Declared ? NotDeclaredText : crisis.Holding is { } shown ? Standing(crisis, shown) : "No holding statement waits for approval on this crisis.", null);
        }

        if (string.Equals(holding.ChosenBy, person.Id, StringComparison.OrdinalIgnoreCase))
        {
            return ("You chose this holding statement, so someone else must approve it (four eyes).", null);
        }

        var why = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (!approve && why is null)
        {
            return (null, ReasonText);
        }

        var decided = holding with { Status = approve ? HoldingStatus.Approved : HoldingStatus.Rejected, DecidedBy = person.Id, DecidedAt = time.GetUtcNow(), Reason = why };
        var recorded = await crises.DecideHoldingAsync(crisis.Id, decided, await AlertAsync(crisis, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        if (recorded?.Holding is not { } now || now != decided)
        {
            return (recorded?.Holding is { } other ? Standing(recorded, other) : CrisisDeclarations.UnknownCrisisText, null);
        }

        outboxSignal.Notify();
        LogDecided(crisis.Id, now.Status, person.Id);
        if (!approve)
        {
            return ($"Holding statement \"{holding.Title}\" rejected: {why} {policy.People.NameOf(holding.ChosenBy)} can choose another.", null);
        }

        var sends = await SendAsync(recorded, cancellationToken).ConfigureAwait(false);
        return ($"Holding statement \"{holding.Title}\" approved. {await ReportAsync(recorded, sends, cancellationToken).ConfigureAwait(false)}", null);
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

    /// <summary>"Sent to 12 posts. 1 not sent: • Ben on SMS: Ben has not opted in to text messages: reply another way."</summary>
    public async Task<string> ReportAsync(Crisis crisis, IReadOnlyList<HoldingOutcome> outcomes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(crisis);
        ArgumentNullException.ThrowIfNull(outcomes);
        var sent = outcomes.Count(o => o.Sent);
        var missed = outcomes.Where(o => !o.Sent).OrderBy(o => o.At).ThenBy(o => o.PostId, StringComparer.Ordinal).ToList();
        var lines = new List<string>();
        foreach (var miss in missed.Take(5))
        {
            var who = await posts.GetAsync(miss.PostId, cancellationToken).ConfigureAwait(false) is { } post
                ? $"{new CardAuthor(post.Author.Handle, post.Author.DisplayName).Label} on {PostLabels.Source(post.Source)}"
                : "A post no longer stored";
            lines.Add($"\n• {who}: {miss.Reason}");
        }

        var more = missed.Count > 5 ? $"\n…and {missed.Count - 5} more." : "";
        return $"Sent to {Posts(sent)}.{(missed.Count == 0 ? "" : $" {Posts(missed.Count)} not sent:{string.Concat(lines)}{more}")}";
    }

    /// <summary>The holding statement the crisis has, in a sentence: who chose it, and where it stands.</summary>
    public string Standing(Crisis crisis, HoldingStatement holding)
    {
        ArgumentNullException.ThrowIfNull(crisis);
        ArgumentNullException.ThrowIfNull(holding);
        var chosen = $"{policy.People.NameOf(holding.ChosenBy)} chose \"{holding.Title}\" as the holding statement at {holding.ChosenAt:HH:mm} UTC";
        return holding.Status switch
        {
            HoldingStatus.Proposed => $"{chosen}; it waits for {ApproverRole}'s approval.",
            HoldingStatus.Approved => $"{chosen}; {policy.People.NameOf(holding.DecidedBy)} approved it at {holding.DecidedAt:HH:mm} UTC.",
            _ => $"{chosen}; {policy.People.NameOf(holding.DecidedBy)} rejected it at {holding.DecidedAt:HH:mm} UTC: {holding.Reason}",
        };
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
        return [.. inCrisis.Where(p => p.CrisisId == crisis.Id).OrderBy(p => p.ReceivedAt).Take(limit)];
    }

    /// <summary>The messages that show the crisis's alert again, when it has one.</summary>
    private async Task<IReadOnlyList<OutboxMessage>> AlertAsync(Crisis crisis, CancellationToken cancellationToken) =>
        crisis.SpikeId is { } spikeId && await spikes.GetAsync(spikeId, cancellationToken).ConfigureAwait(false) is { } spike ? watch.AlertMessages(spike, time.GetUtcNow()) : [];

    private static string Posts(int count) => count == 1 ? "1 post" : $"{count} posts";

    [LoggerMessage(Level = LogLevel.Information, Message = "Crisis {CrisisId}: answer {AnswerId} chosen as its holding statement by {Person}")]
    private partial void LogProposed(string crisisId, string answerId, string person);

    [LoggerMessage(Level = LogLevel.Information, Message = "Crisis {CrisisId}: holding statement {Status} by {Person}")]
    private partial void LogDecided(string crisisId, HoldingStatus status, string person);

    [LoggerMessage(Level = LogLevel.Information, Message = "Crisis {CrisisId}: holding statement sent to {Sent} posts, not sent to {Withheld}")]
    private partial void LogSent(string crisisId, int sent, int withheld);
}
