using System.Globalization;
using System.Text;
using ChatOpsReply.Accountability;
using ChatOpsReply.Library.ImportExport;
using ChatOpsReply.Posts;
using ChatOpsReply.Posts.Figures;
using ChatOpsReply.WebConsole.Pages;
using ChatOpsReply.WebConsole.Pages.Figures;
using CsvHelper;

namespace ChatOpsReply.WebConsole.Figures;

/// <summary>
/// The figures page and its CSV, for leads, managers and admins only: they are about everyone's
/// work, and the rows name customers' posts. Bad filters get a sentence naming the field (the
/// page) or problem+json naming it (the CSV), and nothing is computed.
/// </summary>
public static class FiguresEndpoints
{
    public static readonly IReadOnlySet<string> Roles = Accountability.Roles.Supervisors;

    public static RouteGroupBuilder MapFigures(this RouteGroupBuilder console)
    {
        ArgumentNullException.ThrowIfNull(console);
        console.MapGet("/figures", PageAsync);
        console.MapGet("/figures.csv", CsvAsync);
        return console;
    }

    /// <summary>Whether this person may see the figures.</summary>
    public static bool MaySee(Person viewer)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return viewer.Roles.Overlaps(Roles);
    }

    private static async Task<IResult> PageAsync(HttpContext http, FiguresReport report, AccountabilityPolicy policy, TimeProvider time, CancellationToken cancellationToken)
    {
        var page = ConsoleRequests.Context(http, policy);
        if (!MaySee(page.Viewer!))
        {
            return ConsoleRequests.Page<NotFoundPage>(new { Page = page, What = Refusal, Back = "/console", BackLabel = "Back to the posts" }, StatusCodes.Status403Forbidden);
        }

        var filters = FiguresFilters.From(http.Request.Query);
        var (query, field, problem) = filters.Query(policy, time.GetUtcNow());
        var figures = query is null ? null : await report.ComputeAsync(query, cancellationToken).ConfigureAwait(false);
        return ConsoleRequests.Page<FiguresPage>(
            new { Page = page, Filters = filters, Figures = figures, ProblemField = field, Problem = problem, Policy = policy },
            query is null ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    private static async Task<IResult> CsvAsync(HttpContext http, FiguresReport report, AccountabilityPolicy policy, TimeProvider time, CancellationToken cancellationToken)
    {
        if (ConsoleViewer.Of(http, policy) is not { } viewer || !MaySee(viewer))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Figures are for leads, managers and admins", detail: Refusal);
        }

        var (query, field, problem) = FiguresFilters.From(http.Request.Query).Query(policy, time.GetUtcNow());
        if (query is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: $"{field} is not valid", detail: problem + " Nothing was computed.", extensions: new Dictionary<string, object?> { ["field"] = field });
        }

        var figures = await report.ComputeAsync(query, cancellationToken).ConfigureAwait(false);
        var name = $"figures-{TimeZoneInfo.ConvertTime(query.From, query.Zone):yyyy-MM-dd}-to-{TimeZoneInfo.ConvertTime(query.Before.AddTicks(-1), query.Zone):yyyy-MM-dd}.csv";
        return TypedResults.File(Csv(figures.Rows, policy), "text/csv; charset=utf-8", name);
    }

    private const string Refusal = "Figures are for leads, managers and admins: ask one of them, or an admin to give you the role.";

    /// <summary>The CSV's columns, one row per post; durations in whole minutes, times in UTC.</summary>
    public static readonly string[] CsvColumns =
    [
        "post", "source", "queue", "tier", "owner", "state", "sensitive", "heated", "sla_breaches", "received_at", "first_claimed_at", "first_reply_at",
        "claim_minutes", "claim_business_minutes", "first_reply_minutes", "first_reply_business_minutes", "claimed_in_time", "answered_in_time",
    ];

    public static byte[] Csv(IEnumerable<PostTimes> rows, AccountabilityPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(policy);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, new CsvWriterOptions(), leaveOpen: true))
        {
            csv.WriteRecord(CsvColumns);
            foreach (var r in rows)
            {
                string?[] cells =
                [
                    r.PostId, r.Source, r.Queue, policy.Queue(r.Queue).TierAt(r.Tier).Name, r.Owner, r.State.ToString(), Flag(r.Sensitive), Flag(r.Heated),
                    r.Breaches.ToString(CultureInfo.InvariantCulture), Time(r.ReceivedAt), Time(r.FirstClaimedAt), Time(r.FirstReplyAt),
                    Minutes(r.ClaimCalendar), Minutes(r.ClaimBusiness), Minutes(r.FirstReplyCalendar), Minutes(r.FirstReplyBusiness),
                    r.ClaimedInTime is { } claimed ? Flag(claimed) : null, r.AnsweredInTime is { } answered ? Flag(answered) : null,
                ];
                csv.WriteRecord([.. cells.Select(c => AnswerExport.Escape(c) ?? "")]);
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string Flag(bool value) => value ? "true" : "false";

    private static string? Time(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string? Minutes(TimeSpan? span) => span?.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture);
}
