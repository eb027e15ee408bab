using ChatOpsReply.Accountability;
using ChatOpsReply.Crises;
using ChatOpsReply.Library.Holding;
using ChatOpsReply.Posts;
using ChatOpsReply.WebConsole.Pages;
using ChatOpsReply.WebConsole.Pages.Crises;

namespace ChatOpsReply.WebConsole;

/// <summary>
/// Crises in the web console: <c>/console/crises</c> lists them (with Resolve) and declares one by terms for a
/// queue; a spike's page shows its alert; declaring always goes through a confirm page that says how many
/// posts would move. Only the crisis team and managers declare and resolve (<see cref="SpikeAlerts.MayAnswer"/>).
/// </summary>
public static class CrisisConsoleEndpoints
{
    /// <summary>How far back a crisis declared by terms takes posts from, in minutes, when not said.</summary>
    public const int DefaultSinceMinutes = 60;

    private static readonly int[] SinceChoices = [15, 30, 60, 120, 240, 1440];

    internal static void MapCrisisConsole(this RouteGroupBuilder console)
    {
        console.MapGet("/crises", ListAsync);
        console.MapGet("/crises/declare", ConfirmAsync);
        console.MapPost("/crises", DeclareAsync);
        console.MapPost("/crises/{id}/resolve", ResolveAsync);
        console.MapPost("/crises/{id}/holding", ChooseHoldingAsync);
        console.MapPost("/crises/{id}/holding/approve", ApproveHoldingAsync);
        console.MapPost("/crises/{id}/holding/reject", RejectHoldingAsync);
        console.MapGet("/spikes/{id}", SpikeAsync);
    }

    private static Task<IResult> ListAsync(HttpContext http, ICrisisStore crises, SpikeAlerts alerts, HoldingStatements holding, HoldingReports reports, IPostStore posts, AccountabilityPolicy policy, CancellationToken cancellationToken) =>
        CrisesAsync(http, crises, alerts, holding, reports, posts, policy, typed: null, cancellationToken);

    /// <summary>The crises page; with <paramref name="typed"/>, answering a refused holding-statement form with 400, what was typed shown again.</summary>
    private static async Task<IResult> CrisesAsync(HttpContext http, ICrisisStore crises, SpikeAlerts alerts, HoldingStatements holding, HoldingReports reports, IPostStore posts, AccountabilityPolicy policy, (string CrisisId, HoldingTyped Typed)? typed, CancellationToken cancellationToken)
    {
        var page = ConsoleRequests.Context(http, policy);
        var viewer = page.Viewer!;
        var latest = await crises.LatestAsync(50, cancellationToken).ConfigureAwait(false);
        var panels = new Dictionary<string, HoldingPanel>(StringComparer.Ordinal);
        foreach (var crisis in latest.Where(c => c.Status == CrisisStatus.Declared || c.Holding is not null))
        {
            var mayChoose = crisis.Status == CrisisStatus.Declared && alerts.MayAnswer(viewer) && crisis.Holding is null or { Status: HoldingStatus.Rejected };
            var choices = new List<HoldingChoice>();
            if (mayChoose)
            {
                var sample = await holding.SampleAsync(crisis, cancellationToken).ConfigureAwait(false);
                choices.AddRange((await holding.ChoicesAsync(crisis, cancellationToken).ConfigureAwait(false)).Select(a => new HoldingChoice(a, HoldingStatements.Preview(a, sample, viewer))));
            }

            var lines = new List<HoldingLine>();
            if (crisis.Holding is { Status: HoldingStatus.Approved })
            {
                foreach (var outcome in (await crises.HoldingOutcomesAsync(crisis.Id, cancellationToken).ConfigureAwait(false)).OrderBy(o => o.Sent).ThenBy(o => o.At))
                {
                    lines.Add(new HoldingLine(outcome, await posts.GetAsync(outcome.PostId, cancellationToken).ConfigureAwait(false)));
                }
            }

            panels[crisis.Id] = new HoldingPanel(crisis, await reports.DescribeAsync(crisis, cancellationToken).ConfigureAwait(false), choices, mayChoose, holding.WhyNotDecide(crisis, crisis.Holding?.Id, viewer) is null, lines)
            {
                Typed = typed is { } t && t.CrisisId == crisis.Id ? t.Typed : null,
            };
        }

        return ConsoleRequests.Page<CrisesPage>(
            new { Page = page, Crises = latest, Policy = policy, MayDeclare = alerts.MayAnswer(viewer), SinceChoices, DefaultSince = DefaultSinceMinutes, Holding = panels },
            typed is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> ChooseHoldingAsync(HttpContext http, string id, IFormCollection form, ICrisisStore crises, SpikeAlerts alerts, HoldingStatements holding, HoldingReports reports, IPostStore posts, AccountabilityPolicy policy, CancellationToken cancellationToken)
    {
        var answer = Blank(form["answer"]);
        var chosen = await holding.ProposeAsync(id, answer, ConsoleViewer.Of(http, policy)!, cancellationToken).ConfigureAwait(false);
        return chosen.Error is { } error
            ? await CrisesAsync(http, crises, alerts, holding, reports, posts, policy, (id, new HoldingTyped("choose", answer, null, error)), cancellationToken).ConfigureAwait(false)
            : ConsoleRequests.Redirect(http, "/console/crises", chosen.Said!);
    }

    private static async Task<IResult> ApproveHoldingAsync(HttpContext http, string id, IFormCollection form, HoldingStatements holding, AccountabilityPolicy policy, CancellationToken cancellationToken) =>
        ConsoleRequests.Redirect(http, "/console/crises", (await holding.DecideAsync(id, Blank(form["holding"]), approve: true, Blank(form["reason"]), ConsoleViewer.Of(http, policy)!, cancellationToken).ConfigureAwait(false)).Said!);

    private static async Task<IResult> RejectHoldingAsync(HttpContext http, string id, IFormCollection form, ICrisisStore crises, SpikeAlerts alerts, HoldingStatements holding, HoldingReports reports, IPostStore posts, AccountabilityPolicy policy, CancellationToken cancellationToken)
    {
        // Kept as typed (whitespace and all) to show again if refused.
        string? reason = form["reason"];
        var rejected = await holding.DecideAsync(id, Blank(form["holding"]), approve: false, reason, ConsoleViewer.Of(http, policy)!, cancellationToken).ConfigureAwait(false);
        return rejected.Error is { } error
            ? await CrisesAsync(http, crises, alerts, holding, reports, posts, policy, (id, new HoldingTyped("reject", null, reason, error)), cancellationToken).ConfigureAwait(false)
            : ConsoleRequests.Redirect(http, "/console/crises", rejected.Said!);
    }

    private static async Task<IResult> SpikeAsync(HttpContext http, string id, SpikeAlertViews views, SpikeAlerts alerts, AccountabilityPolicy policy, CancellationToken cancellationToken)
    {
        var page = ConsoleRequests.Context(http, policy);
        if (await views.ViewAsync(id, cancellationToken).ConfigureAwait(false) is not { } view)
        {
            return ConsoleRequests.Page<NotFoundPage>(new { Page = page, What = SpikeAlerts.UnknownSpikeText, Back = "/console/crises", BackLabel = "Back to crises" }, StatusCodes.Status404NotFound);
        }

        return ConsoleRequests.Page<SpikePage>(new { Page = page, View = view, MayAnswer = alerts.MayAnswer(page.Viewer!) });
    }

    /// <summary>The confirm step: what would be declared and how many posts would move, or what is wrong with the request.</summary>
    private static async Task<IResult> ConfirmAsync(HttpContext http, string? spike, string? queue, string? terms, string? since, CrisisDeclarations declarations, ISpikeStore spikes, AccountabilityPolicy policy, TimeProvider time, CancellationToken cancellationToken)
    {
        var page = ConsoleRequests.Context(http, policy);
        var (crisis, error) = await CandidateAsync(spike, queue, terms, since, page.Viewer!, time.GetUtcNow(), declarations, spikes, policy, cancellationToken).ConfigureAwait(false);
        if (crisis is null)
        {
            return ConsoleRequests.Page<CrisisConfirmPage>(new { Page = page, Error = error, Request = new CrisisRequest(spike, queue, terms, since) }, error == SpikeAlerts.UnknownSpikeText ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest);
        }

        var count = (await declarations.CoveredAsync(crisis, cancellationToken).ConfigureAwait(false)).Count;
        return ConsoleRequests.Page<CrisisConfirmPage>(new { Page = page, Preview = declarations.Preview(crisis, count), Request = new CrisisRequest(spike, queue, terms, since) });
    }

    private static async Task<IResult> DeclareAsync(HttpContext http, IFormCollection form, CrisisDeclarations declarations, ISpikeStore spikes, AccountabilityPolicy policy, TimeProvider time, CancellationToken cancellationToken)
    {
        var page = ConsoleRequests.Context(http, policy);
        var request = new CrisisRequest(Blank(form["spike"]), Blank(form["queue"]), Blank(form["terms"]), Blank(form["since"]));
        var (candidate, error) = await CandidateAsync(request.Spike, request.Queue, request.Terms, request.Since, page.Viewer!, time.GetUtcNow(), declarations, spikes, policy, cancellationToken).ConfigureAwait(false);
        if (candidate is null)
        {
            // Shown again with what was asked, so nothing typed is lost.
            return ConsoleRequests.Page<CrisisConfirmPage>(new { Page = page, Error = error, Request = request }, error == SpikeAlerts.UnknownSpikeText ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest);
        }

        var (crisis, refused) = await declarations.DeclareAsync(candidate, page.Viewer!, cancellationToken).ConfigureAwait(false);
        if (crisis is null)
        {
            return ConsoleRequests.Redirect(http, "/console/crises", refused!);
        }

        var moves = await declarations.MoveInAsync(crisis, page.Viewer!, SurfaceNames.Console, cancellationToken).ConfigureAwait(false);
        return ConsoleRequests.Redirect(http, "/console/crises", declarations.Declared(crisis, moves));
    }

    private static async Task<IResult> ResolveAsync(HttpContext http, string id, CrisisDeclarations declarations, AccountabilityPolicy policy, CancellationToken cancellationToken)
    {
        var viewer = ConsoleViewer.Of(http, policy)!;
        return ConsoleRequests.Redirect(http, "/console/crises", await declarations.ResolveAsync(id, viewer, SurfaceNames.Console, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The crisis a request names: a spike's, or terms for a queue from some minutes back; else the sentence that says which field is wrong.</summary>
    private static async Task<(Crisis? Crisis, string? Error)> CandidateAsync(string? spikeId, string? queue, string? terms, string? since, Person viewer, DateTimeOffset now, CrisisDeclarations declarations, ISpikeStore spikes, AccountabilityPolicy policy, CancellationToken cancellationToken)
    {
        if (spikeId is not null)
        {
            return await spikes.GetAsync(spikeId, cancellationToken).ConfigureAwait(false) is { } spike
                ? (declarations.Candidate(spike, viewer), null)
                : (null, SpikeAlerts.UnknownSpikeText);
        }

        if (queue is null || !policy.Queues.Any(q => q.Name == queue))
        {
            return (null, "Queue: choose one of the queues.");
        }

        var minutes = DefaultSinceMinutes;
        if (since is not null && (!int.TryParse(since, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out minutes) || !SinceChoices.Contains(minutes)))
        {
            return (null, "Since: choose how far back the crisis takes posts from.");
        }

        return declarations.Candidate(queue, terms ?? "", now - TimeSpan.FromMinutes(minutes), viewer) is { } crisis
            ? (crisis, null)
            : (null, "Terms: " + CrisisDeclarations.NoTermsText);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>What a person asked to declare: a spike, or terms for a queue from some minutes back.</summary>
public sealed record CrisisRequest(string? Spike, string? Queue, string? Terms, string? Since);
