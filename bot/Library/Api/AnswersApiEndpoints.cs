using System.Text.Json;
using ChatOpsReply.Accountability;
using ChatOpsReply.Http;
using ChatOpsReply.Library.Curation;
using ChatOpsReply.Library.ImportExport;
using ChatOpsReply.Library.Model;
using ChatOpsReply.Library.Replies;
using ChatOpsReply.Library.Search;
using ChatOpsReply.Posts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Library.Api;

/// <summary>
/// <c>/api/answers</c>: the library for other systems. Every request carries an API key from
/// configuration (<c>Authorization: Bearer …</c>); the key's role decides what it may change.
/// Errors are problem+json, naming the field at fault.
/// </summary>
/// <remarks>
/// Answers are written with <see cref="LibraryJson"/> (indented, enums by name, nulls left out) as
/// <see cref="JsonHttpResult{TValue}"/>: <c>Ok&lt;T&gt;</c> would write them with the host's JSON
/// options and change the bytes. JsonHttpResult and ProblemHttpResult tell OpenAPI nothing about
/// themselves, so each route names its shapes (<see cref="ValidationProblem"/> names its 400 itself).
/// </remarks>
public static class AnswersApiEndpoints
{
    public const int MaxLimit = 200;
    private const int MaxAnswerBytes = 256 * 1024;
    private const string CallerItem = "ChatOpsReply.Library.Caller";

    /// <summary>Problems of a step on one answer: not allowed, no such answer, changed meanwhile, a body too large.</summary>
    private static readonly int[] Curating =
        [StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge];

    public static IEndpointRouteBuilder MapAnswersApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api/answers").AddEndpointFilter(RequireKeyAsync).DisableAntiforgery();
        api.MapGet("", SearchAsync).Produces<AnswerSearchResponse>().ProducesProblems();
        api.MapPost("", CreateAsync).Produces<AnswerDocument>(StatusCodes.Status201Created)
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge);
        api.MapGet("/export", ExportAsync).Produces<List<AnswerDocument>>(StatusCodes.Status200OK, "application/json", "text/csv").ProducesProblems();
        api.MapPost("/import", ImportAsync).Produces<ImportResult>()
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);
        api.MapPost("/proposals", ProposeAsync).Produces<AnswerDocument>(StatusCodes.Status201Created).Produces<AnswerDocument>()
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge);
        api.MapGet("/{id}", GetAsync).Produces<AnswerDocument>().ProducesProblems(StatusCodes.Status404NotFound);
        api.MapPut("/{id}", EditAsync).Produces<AnswerDocument>().ProducesProblems(Curating);
        api.MapGet("/{id}/history", HistoryAsync).Produces<List<AnswerDocument>>().ProducesProblems(StatusCodes.Status404NotFound);
        api.MapGet("/{id}/rendering", RenderAsync).Produces<AnswerRenderResponse>().ProducesProblems(StatusCodes.Status404NotFound);
        api.MapPost("/{id}/approval", ApproveAsync).Produces<AnswerDocument>().ProducesProblems(Curating);
        api.MapPost("/{id}/retirement", RetireAsync).Produces<AnswerDocument>().ProducesProblems(Curating);
        return app;
    }

    /// <summary>The problems a route answers besides its validation problems, and those every route can give (no key, no store).</summary>
    private static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder route, params int[] statusCodes)
    {
        foreach (var statusCode in statusCodes.Append(StatusCodes.Status401Unauthorized).Append(StatusCodes.Status503ServiceUnavailable))
        {
            route.ProducesProblem(statusCode);
        }

        return route;
    }

    /// <summary>Checks the key before anything of the request is read.</summary>
    private static async ValueTask<object?> RequireKeyAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var keys = http.RequestServices.GetRequiredService<AnswerApiKeys>();
        var header = http.Request.Headers.Authorization.ToString();
        var presented = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
        if (keys.Find(presented) is not { } caller)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer realm=\"answers\"";
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: presented is null ? "An API key is required" : "The API key is not valid",
                detail: keys.Any
                    ? "Send a key from Library:ApiKeys as \"Authorization: Bearer <key>\"."
                    : "No API keys are configured: add one under Library:ApiKeys.");
        }

        http.Items[CallerItem] = caller;
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (StoreUnavailableException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The store is unavailable", detail: "Nothing changed. Try again in a moment.");
        }
    }

    private static Person Caller(HttpContext http) => (Person)http.Items[CallerItem]!;

    private static async Task<Results<JsonHttpResult<AnswerSearchResponse>, ValidationProblem>> SearchAsync(string? q, string? queue, string? source, string? language, string? tag, string? status, int? limit, AnswerLibrary library, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var statuses = ParseStatuses(status, errors);
        var count = limit ?? 20;
        if (count is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"Ask for 1 to {MaxLimit} answers."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The search is not valid");
        }

        var filters = new AnswerFilters { Queue = Blank(queue), Source = Blank(source), Language = Blank(language), Tag = Blank(tag), Statuses = statuses };
        var answers = await library.SearchAsync(q, filters, count, cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(new AnswerSearchResponse(answers), LibraryJson.Default.AnswerSearchResponse);
    }

    private static async Task<Results<JsonHttpResult<AnswerDocument>, ProblemHttpResult>> GetAsync(string id, ICannedAnswerStore store, CancellationToken cancellationToken)
    {
        var answer = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        return answer is null ? NoSuchAnswer(id) : Document(answer, (await store.UsageAsync(cancellationToken).ConfigureAwait(false)).GetValueOrDefault(id));
    }

    private static async Task<Results<JsonHttpResult<List<AnswerDocument>>, ProblemHttpResult>> HistoryAsync(string id, ICannedAnswerStore store, CancellationToken cancellationToken)
    {
        var history = await store.HistoryAsync(id, cancellationToken).ConfigureAwait(false);
        return history.Count == 0
            ? NoSuchAnswer(id)
            : TypedResults.Json(history.Select(a => AnswerDocument.Of(a) with { UsageCount = null }).ToList(), LibraryJson.Default.ListAnswerDocument);
    }

    private static async Task<Results<JsonHttpResult<AnswerRenderResponse>, ValidationProblem, ProblemHttpResult>> RenderAsync(HttpContext http, string id, string? postId, string? agent, ICannedAnswerStore store, IPostStore posts, AccountabilityPolicy policy, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var person = agent is null ? Caller(http) : policy.People.Find(agent);
        if (person is null)
        {
            errors["agent"] = [$"Nobody called \"{agent}\" is configured."];
        }

        var post = string.IsNullOrWhiteSpace(postId) ? null : await posts.GetAsync(postId, cancellationToken).ConfigureAwait(false);
        if (post is null)
        {
            errors["postId"] = [string.IsNullOrWhiteSpace(postId) ? "Name the post to personalise the answer for." : $"There is no post \"{postId}\"."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The answer cannot be personalised");
        }

        var answer = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        return answer is null
            ? NoSuchAnswer(id)
            : TypedResults.Json(AnswerRenderResponse.Of(answer, AnswerLibrary.RenderFor(answer, post!, person!)), LibraryJson.Default.AnswerRenderResponse);
    }

    private static async Task<Results<JsonHttpResult<AnswerDocument>, ValidationProblem, ProblemHttpResult>> CreateAsync(HttpContext http, LibraryCuration curation, CancellationToken cancellationToken)
    {
        var (document, problem) = await ReadAsync(http, LibraryJson.Default.AnswerDocument, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return problem!;
        }

        var result = await curation.CreateAsync(Caller(http), document, cancellationToken).ConfigureAwait(false);
        return result.Outcome == CurationOutcome.Saved ? Created(result.Answer!) : Outcome(result);
    }

    private static async Task<Results<JsonHttpResult<AnswerDocument>, ValidationProblem, ProblemHttpResult>> EditAsync(HttpContext http, string id, LibraryCuration curation, CancellationToken cancellationToken)
    {
        var (document, problem) = await ReadAsync(http, LibraryJson.Default.AnswerDocument, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return problem!;
        }

        if (document.Version is not { } version)
        {
            return VersionRequired();
        }

        return Outcome(await curation.EditAsync(Caller(http), id, version, document, cancellationToken).ConfigureAwait(false));
    }

    private static Task<Results<JsonHttpResult<AnswerDocument>, ValidationProblem, ProblemHttpResult>> ApproveAsync(HttpContext http, string id, LibraryCuration curation, CancellationToken cancellationToken) =>
        StepAsync(http, (who, version) => curation.ApproveAsync(who, id, version, cancellationToken), cancellationToken);

    private static Task<Results<JsonHttpResult<AnswerDocument>, ValidationProblem, ProblemHttpResult>> RetireAsync(HttpContext http, string id, LibraryCuration curation, CancellationToken cancellationToken) =>
        StepAsync(http, (who, version) => curation.RetireAsync(who, id, version, cancellationToken), cancellationToken);

    private static async Task<Results<JsonHttpResult<AnswerDocument>, ValidationProblem, ProblemHttpResult>> StepAsync(HttpContext http, Func<Person, int, Task<CurationResult>> step, CancellationToken cancellationToken)
    {
        var (request, problem) = await ReadAsync(http, LibraryJson.Default.AnswerVersionRequest, cancellationToken).ConfigureAwait(false);
        if (request is null)
        {
            return problem!;
        }

        return request.Version is { } version ? Outcome(await step(Caller(http), version).ConfigureAwait(false)) : VersionRequired();
    }

    private static async Task<Results<JsonHttpResult<AnswerDocument>, ValidationProblem, ProblemHttpResult>> ProposeAsync(HttpContext http, LibraryCuration curation, IPostStore posts, CancellationToken cancellationToken)
    {
        var (request, problem) = await ReadAsync(http, LibraryJson.Default.AnswerProposalRequest, cancellationToken).ConfigureAwait(false);
        if (request is null)
        {
            return problem!;
        }

        if (string.IsNullOrWhiteSpace(request.PostId))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["postId"] = ["Name the post whose sent reply becomes an answer."] });
        }

        var reply = request.Reply ?? (await posts.GetAsync(request.PostId, cancellationToken).ConfigureAwait(false))?.Replies.Count ?? 0;
        var result = await curation.ProposeAsync(Caller(http), request.PostId, reply, cancellationToken).ConfigureAwait(false);
        return result.Outcome == CurationOutcome.Saved ? Created(result.Answer!) : Outcome(result);
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> ExportAsync(string? format, ICannedAnswerStore store, CancellationToken cancellationToken)
    {
        var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
        if (!csv && format is not null && !string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["Export as json or csv."] });
        }

        return await AnswerExport.DownloadAsync(store, csv, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Results<JsonHttpResult<ImportResult>, ValidationProblem, ProblemHttpResult>> ImportAsync(HttpContext http, LibraryCuration curation, IOptions<LibraryOptions> options, CancellationToken cancellationToken)
    {
        var type = http.Request.ContentType ?? "";
        var csv = type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase);
        if (!csv && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send JSON or CSV", detail: "Use Content-Type application/json or text/csv.");
        }

        var body = await RequestBody.ReadAsync(http.Request, options.Value.MaxImportBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return TooLarge(options.Value.MaxImportBytes);
        }

        var result = await curation.ImportAsync(Caller(http), AnswerImport.Read(body, csv), cancellationToken).ConfigureAwait(false);
        return result.Outcome switch
        {
            CurationOutcome.Saved => TypedResults.Json(result, LibraryJson.Default.ImportResult),
            CurationOutcome.Invalid => TypedResults.ValidationProblem(
                result.Errors.GroupBy(e => e.Field is null ? $"line {e.Line}" : $"line {e.Line}: {e.Field}").ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
                detail: result.Message,
                title: "Nothing was imported"),
            _ => Problem(result.Outcome, result.Message),
        };
    }

    /// <summary>Reads a JSON body; a body that is not the expected JSON is a problem naming where it went wrong.</summary>
    private static async Task<(T? Value, Results<JsonHttpResult<AnswerDocument>, ValidationProblem, ProblemHttpResult>? Problem)> ReadAsync<T>(HttpContext http, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        var body = await RequestBody.ReadAsync(http.Request, MaxAnswerBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return (null, TooLarge(MaxAnswerBytes));
        }

        try
        {
            var value = body.Length == 0 ? null : JsonSerializer.Deserialize(body, type);
            return value is null
                ? (null, TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["Send a JSON object."] }))
                : (value, null);
        }
        catch (JsonException e)
        {
            var field = LibraryJson.FieldOf(e) ?? "body";
            return (null, TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [field] = [field == "body" ? "This is not valid JSON." : "This value has the wrong type."],
            }));
        }
    }

    private static Results<JsonHttpResult<AnswerDocument>, ValidationProblem, ProblemHttpResult> Outcome(CurationResult result) => result.Outcome switch
    {
        CurationOutcome.Saved or CurationOutcome.Unchanged => Document(result.Answer!, null),
        CurationOutcome.Invalid => TypedResults.ValidationProblem(result.Errors, title: "The answer is not valid"),
        _ => Problem(result.Outcome, result.Message),
    };

    private static ProblemHttpResult Problem(CurationOutcome outcome, string message) => TypedResults.Problem(
        statusCode: outcome switch
        {
            CurationOutcome.Forbidden => StatusCodes.Status403Forbidden,
            CurationOutcome.NotFound => StatusCodes.Status404NotFound,
            CurationOutcome.Conflict => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status400BadRequest,
        },
        detail: message);

    private static JsonHttpResult<AnswerDocument> Document(CannedAnswer answer, AnswerUsage? usage) =>
        TypedResults.Json(AnswerDocument.Of(answer, usage), LibraryJson.Default.AnswerDocument);

    private static JsonHttpResult<AnswerDocument> Created(CannedAnswer answer) =>
        TypedResults.Json(AnswerDocument.Of(answer), LibraryJson.Default.AnswerDocument, statusCode: StatusCodes.Status201Created);

    private static ProblemHttpResult NoSuchAnswer(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"There is no answer \"{id}\".");

    private static ValidationProblem VersionRequired() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["version"] = ["Send the version you looked at, so a change made since is not overwritten."] });

    private static ProblemHttpResult TooLarge(int max) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, detail: $"Send at most {max / 1024} KB.");

    private static HashSet<AnswerStatus>? ParseStatuses(string? status, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(status))
        {
            return null;
        }

        if (string.Equals(status.Trim(), "all", StringComparison.OrdinalIgnoreCase))
        {
            return new HashSet<AnswerStatus>(Enum.GetValues<AnswerStatus>());
        }

        var statuses = new HashSet<AnswerStatus>();
        foreach (var part in status.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part.Length > 0 && AnswerDocument.ParseStatus(part) is { } parsed)
            {
                statuses.Add(parsed);
            }
            else
            {
                errors["status"] = [$"\"{part}\" is not a status: draft, approved, retired or all."];
            }
        }

        return statuses;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>GET /api/answers: ranked answers, best first.</summary>
public sealed record AnswerSearchResponse(IReadOnlyList<AnswerSuggestion> Answers);

/// <summary>An answer personalised for a post: the text to send, or what is missing and the draft with it left in.</summary>
public sealed record AnswerRenderResponse(string AnswerId, int Version, string? Text, string Draft, IReadOnlyList<string> Missing, string? Message)
{
    public static AnswerRenderResponse Of(CannedAnswer answer, AnswerRendering rendering)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(rendering);
        return new AnswerRenderResponse(answer.Id, answer.Version, rendering.Text, rendering.Draft, rendering.Missing, rendering.Message);
    }
}

/// <summary>Approve or retire: the version the caller looked at.</summary>
public sealed record AnswerVersionRequest(int? Version);

/// <summary>"Save as answer": a post and the number of its sent reply (the last one when left out).</summary>
public sealed record AnswerProposalRequest(string? PostId, int? Reply);
