using ChatOpsReply.Library;
using ChatOpsReply.Library.Api;
using ChatOpsReply.Library.Curation;
using ChatOpsReply.Library.ImportExport;
using ChatOpsReply.Library.Model;
using ChatOpsReply.Library.Replies;
using ChatOpsReply.Library.Search;
using ChatOpsReply.Accountability;
using ChatOpsReply.Posts;
using ChatOpsReply.WebConsole.Pages;
using ChatOpsReply.WebConsole.Pages.Library;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.WebConsole;

/// <summary>
/// The library in the web console: <c>/console/library</c> to browse, search, edit (with a
/// preview), approve, retire, import and export; and on posts, an answer personalised for the
/// draft dialog and "save as answer" for sent replies.
/// </summary>
public static class LibraryConsoleEndpoints
{
    private const int ListLimit = 200;

    internal static void MapLibraryConsole(this RouteGroupBuilder console)
    {
        var library = console.MapGroup("/library");
        library.MapGet("", ListAsync);
        library.MapGet("/new", New);
        library.MapPost("", CreateAsync);
        library.MapGet("/export.json", (ICannedAnswerStore store, CancellationToken ct) => ExportAsync(store, csv: false, ct));
        library.MapGet("/export.csv", (ICannedAnswerStore store, CancellationToken ct) => ExportAsync(store, csv: true, ct));
        library.MapPost("/import", ImportAsync);
        library.MapGet("/{id}", AnswerAsync);
        library.MapPost("/{id}", EditAsync);
        library.MapPost("/{id}/approve", (HttpContext http, string id, IFormCollection form, LibraryCuration curation, AccountabilityPolicy policy, CancellationToken ct) =>
            StepAsync(http, id, form, policy, (who, version) => curation.ApproveAsync(who, id, version, ct)));
        library.MapPost("/{id}/retire", (HttpContext http, string id, IFormCollection form, LibraryCuration curation, AccountabilityPolicy policy, CancellationToken ct) =>
            StepAsync(http, id, form, policy, (who, version) => curation.RetireAsync(who, id, version, ct)));

        console.MapGet("/posts/{postId}/answers/{answerId}", RenderForPostAsync);
        console.MapPost("/posts/{postId}/replies/{number:int}/answer", SaveAsAnswerAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext http, string? q, string? queue, string? source, string? language, string? tag, string? status, AnswerLibrary library, ICannedAnswerStore store, AccountabilityPolicy policy, CancellationToken cancellationToken)
    {
        var page = ConsoleRequests.Context(http, policy);
        var query = new LibraryQuery(q, queue, source, language, tag, status);
        var answers = await library.FindAsync(q, Filters(query), ListLimit, cancellationToken).ConfigureAwait(false);
        var usage = await store.UsageAsync(cancellationToken).ConfigureAwait(false);
        return ConsoleRequests.Page<LibraryPage>(new { Page = page, Query = query, Answers = answers, Usage = usage, Policy = policy });
    }

    private static Microsoft.AspNetCore.Http.HttpResults.RazorComponentResult New(HttpContext http, AccountabilityPolicy policy) => NewPage(http, policy, null, null, null);

    private static async Task<IResult> AnswerAsync(HttpContext http, string id, ICannedAnswerStore store, AccountabilityPolicy policy, CancellationToken cancellationToken)
    {
        var page = ConsoleRequests.Context(http, policy);
        var answer = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (answer is null)
        {
            return ConsoleRequests.Page<NotFoundPage>(new { Page = page, What = "That answer does not exist.", Back = "/console/library", BackLabel = "Back to the library" }, StatusCodes.Status404NotFound);
        }

        return await AnswerPageAsync(page, answer, store, policy, null, null, null, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IResult> CreateAsync(HttpContext http, IFormCollection form, LibraryCuration curation, AccountabilityPolicy policy, CancellationToken cancellationToken)
    {
        var viewer = ConsoleViewer.Of(http, policy)!;
        var document = FormDocument(form) with { Id = Blank(form["id"]) };
        if (form["intent"] == "preview")
        {
            var (fields, errors) = AnswerValidation.Check(document, policy);
            var preview = fields is null ? null : AnswerPreview.SampleRendering(Draft(fields, viewer), viewer);
            return NewPage(http, policy, document, errors, preview);
        }

        var result = await Curate(() => curation.CreateAsync(viewer, document, cancellationToken)).ConfigureAwait(false);
        return result switch
        {
            { Succeeded: true } => ConsoleRequests.Redirect(http, AnswerPath(result.Answer!.Id), result.Message),
            { Outcome: CurationOutcome.Invalid } => NewPage(http, policy, document, result.Errors, null, status: StatusCodes.Status400BadRequest),
            // Refused for another reason (taken id, store down): what was written stays in the form.
            _ => NewPage(http, policy, document, null, null, result.Message, StatusCodes.Status409Conflict),
        };
    }

    private static async Task<IResult> EditAsync(HttpContext http, string id, IFormCollection form, LibraryCuration curation, ICannedAnswerStore store, AccountabilityPolicy policy, CancellationToken cancellationToken)
    {
        var viewer = ConsoleViewer.Of(http, policy)!;
        var document = FormDocument(form);
        var current = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return ConsoleRequests.Redirect(http, "/console/library", "That answer does not exist.");
        }

        if (form["intent"] == "preview")
        {
            var (fields, errors) = AnswerValidation.Check(document, policy);
            var preview = fields is null ? null : AnswerPreview.SampleRendering(Draft(fields, viewer), viewer);
            var page = ConsoleRequests.Context(http, policy);
            return await AnswerPageAsync(page, current, store, policy, document, errors, preview, cancellationToken).ConfigureAwait(false);
        }

        if (!int.TryParse(form["version"], System.Globalization.CultureInfo.InvariantCulture, out var version))
        {
            return ConsoleRequests.Redirect(http, AnswerPath(id), "Reload the page and edit again.");
        }

        var result = await Curate(() => curation.EditAsync(viewer, id, version, document, cancellationToken)).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            // Refused (a rule, someone saved first, the store is down): the words stay in the editor, with why next to it.
            var page = ConsoleRequests.Context(http, policy);
            var refusal = result.Outcome == CurationOutcome.Invalid ? null : result.Message;
            return await AnswerPageAsync(page, current, store, policy, document, result.Errors, null, cancellationToken, refusal, result.Outcome == CurationOutcome.Invalid ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict).ConfigureAwait(false);
        }

        return ConsoleRequests.Redirect(http, AnswerPath(id), result.Message);
    }

    private static async Task<IResult> StepAsync(HttpContext http, string id, IFormCollection form, AccountabilityPolicy policy, Func<Person, int, Task<CurationResult>> step)
    {
        var viewer = ConsoleViewer.Of(http, policy)!;
        if (!int.TryParse(form["version"], System.Globalization.CultureInfo.InvariantCulture, out var version))
        {
            return ConsoleRequests.Redirect(http, AnswerPath(id), "Reload the page and try again.");
        }

        var result = await Curate(() => step(viewer, version)).ConfigureAwait(false);
        return ConsoleRequests.Redirect(http, AnswerPath(id), result.Message);
    }

    private static async Task<IResult> ImportAsync(HttpContext http, IFormCollection form, LibraryCuration curation, AnswerLibrary library, ICannedAnswerStore store, AccountabilityPolicy policy, IOptions<LibraryOptions> options, CancellationToken cancellationToken)
    {
        var viewer = ConsoleViewer.Of(http, policy)!;
        if (form.Files.GetFile("file") is not { Length: > 0 } file)
        {
            return ConsoleRequests.Redirect(http, "/console/library", "Choose a JSON or CSV file to import.");
        }

        if (file.Length > options.Value.MaxImportBytes)
        {
            return ConsoleRequests.Redirect(http, "/console/library", $"That file is too large: at most {options.Value.MaxImportBytes / 1024 / 1024} MB.");
        }

        using var content = new MemoryStream();
        await file.CopyToAsync(content, cancellationToken).ConfigureAwait(false);
        var csv = file.FileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || (file.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) ?? false);
        ImportResult result;
        try
        {
            result = await curation.ImportAsync(viewer, AnswerImport.Read(content.ToArray(), csv), cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException)
        {
            return ConsoleRequests.Redirect(http, "/console/library", Unavailable);
        }

        if (result.Outcome != CurationOutcome.Invalid)
        {
            return ConsoleRequests.Redirect(http, "/console/library", result.Message);
        }

        var page = ConsoleRequests.Context(http, policy);
        var query = new LibraryQuery(null, null, null, null, null, null);
        var answers = await library.FindAsync(null, AnswerFilters.None with { Curating = true }, ListLimit, cancellationToken).ConfigureAwait(false);
        var usage = await store.UsageAsync(cancellationToken).ConfigureAwait(false);
        return ConsoleRequests.Page<LibraryPage>(new { Page = page, Query = query, Answers = answers, Usage = usage, Policy = policy, ImportErrors = result.Errors }, StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> ExportAsync(ICannedAnswerStore store, bool csv, CancellationToken cancellationToken) =>
        await AnswerExport.DownloadAsync(store, csv, cancellationToken).ConfigureAwait(false);

    /// <summary>The answer personalised for this post with the person looking as the agent (the draft dialog fills the reply with it).</summary>
    private static async Task<IResult> RenderForPostAsync(HttpContext http, string postId, string answerId, IPostStore posts, ICannedAnswerStore store, AccountabilityPolicy policy, CancellationToken cancellationToken)
    {
        var viewer = ConsoleViewer.Of(http, policy)!;
        var post = await posts.GetAsync(postId, cancellationToken).ConfigureAwait(false);
        var answer = await store.GetAsync(answerId, cancellationToken).ConfigureAwait(false);
        if (post is null || answer is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: post is null ? "That post does not exist." : "That answer does not exist.");
        }

        return Results.Json(AnswerRenderResponse.Of(answer, AnswerLibrary.RenderFor(answer, post, viewer)), LibraryJson.Default.AnswerRenderResponse);
    }

    private static async Task<IResult> SaveAsAnswerAsync(HttpContext http, string postId, int number, IFormCollection form, LibraryCuration curation, AccountabilityPolicy policy, CancellationToken cancellationToken)
    {
        var back = $"/console/posts/{Uri.EscapeDataString(postId)}";
        var viewer = ConsoleViewer.Of(http, policy)!;
        var result = await Curate(() => curation.ProposeAsync(viewer, postId, number, cancellationToken)).ConfigureAwait(false);
        return ConsoleRequests.Redirect(http, result.Answer is { } answer ? AnswerPath(answer.Id) : back, result.Message);
    }

    private static async Task<IResult> AnswerPageAsync(PageContext page, CannedAnswer answer, ICannedAnswerStore store, AccountabilityPolicy policy, AnswerDocument? form, IReadOnlyDictionary<string, string[]>? errors, AnswerRendering? preview, CancellationToken cancellationToken, string? refusal = null, int status = StatusCodes.Status200OK)
    {
        var history = await store.HistoryAsync(answer.Id, cancellationToken).ConfigureAwait(false);
        var usage = (await store.UsageAsync(cancellationToken).ConfigureAwait(false)).GetValueOrDefault(answer.Id) ?? AnswerUsage.None;
        return ConsoleRequests.Page<AnswerPage>(new { Page = page, Answer = answer, History = history, Usage = usage, Policy = policy, Form = form, Errors = errors, Preview = preview, Refusal = refusal }, status);
    }

    private static Microsoft.AspNetCore.Http.HttpResults.RazorComponentResult NewPage(HttpContext http, AccountabilityPolicy policy, AnswerDocument? form, IReadOnlyDictionary<string, string[]>? errors, AnswerRendering? preview, string? refusal = null, int status = StatusCodes.Status200OK) =>
        ConsoleRequests.Page<NewAnswerPage>(new { Page = ConsoleRequests.Context(http, policy), Policy = policy, Form = form, Errors = errors, Preview = preview, Refusal = refusal }, status);

    private static async Task<CurationResult> Curate(Func<Task<CurationResult>> step)
    {
        try
        {
            return await step().ConfigureAwait(false);
        }
        catch (StoreUnavailableException)
        {
            return CurationResult.Conflict(Unavailable);
        }
    }

    private const string Unavailable = "The store is unavailable right now, so nothing changed. Please try again in a moment.";

    private static AnswerFilters Filters(LibraryQuery query) => new()
    {
        // Curators see every answer, crisis or not: they are the ones who mark answers crisis-safe.
        Curating = true,
        Queue = Blank(query.Queue),
        Source = Blank(query.Source),
        Language = Blank(query.Language),
        Tag = Blank(query.Tag),
        Statuses = query.Status?.Trim().ToLowerInvariant() switch
        {
            "all" => new HashSet<AnswerStatus>(Enum.GetValues<AnswerStatus>()),
            "approved" or "draft" or "retired" => new HashSet<AnswerStatus> { AnswerDocument.ParseStatus(query.Status)!.Value },
            _ => null,
        },
    };

    /// <summary>The editor's fields as the API's document: lists split on commas, placeholders one per line.</summary>
    private static AnswerDocument FormDocument(IFormCollection form) => new()
    {
        Title = form["title"],
        Body = form["body"],
        Placeholders = ((string?)form["placeholders"] ?? "")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('=', 2, StringSplitOptions.TrimEntries))
            .GroupBy(parts => parts[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Length > 1 ? g.First()[1] : null, StringComparer.Ordinal),
        Tags = Split(form["tags"]),
        Queues = [.. form["queues"].Where(q => !string.IsNullOrWhiteSpace(q)).Select(q => q!)],
        Sources = Split(form["sources"]),
        Language = Blank(form["language"]),
        Legal = form["legal"] == "true",
        CrisisSafe = form["crisisSafe"] == "true",
        Owner = Blank(form["owner"]),
    };

    /// <summary>What unsaved fields would look like, for the preview.</summary>
    private static CannedAnswer Draft(AnswerFields fields, Person viewer) =>
        LibraryCuration.Unsaved(fields, viewer, DateTimeOffset.UnixEpoch) with { Id = "preview", Change = "preview" };

    private static List<string> Split(string? value) =>
        [.. (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static string AnswerPath(string id) => $"/console/library/{Uri.EscapeDataString(id)}";

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
