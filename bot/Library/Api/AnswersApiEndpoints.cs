using System.Text.Json;
using ChatOpsReply.Accountability;
using ChatOpsReply.Library.Curation;
using ChatOpsReply.Library.ImportExport;
using ChatOpsReply.Library.Model;
using ChatOpsReply.Library.Replies;
using ChatOpsReply.Library.Search;
using ChatOpsReply.Posts;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Library.Api;

/// <summary>
/// <c>/api/answers</c>: the library for other systems. Every request carries an API key from
/// configuration (<c>Authorization: Bearer …</c>); the key's role decides what it may change.
/// Errors are problem+json, naming the field at fault.
/// </summary>
public static class AnswersApiEndpoints
{
    public const int MaxLimit = 200;
    private const int MaxAnswerBytes = 256 * 1024;
    private const string CallerItem = "ChatOpsReply.Library.Caller";

    public static IEndpointRouteBuilder MapAnswersApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api/answers").AddEndpointFilter(RequireKeyAsync).DisableAntiforgery();
        api.MapGet("", SearchAsync);
        api.MapPost("", CreateAsync);
        api.MapGet("/export", ExportAsync);
        api.MapPost("/import", ImportAsync);
        api.MapPost("/proposals", ProposeAsync);
        api.MapGet("/{id}", GetAsync);
        api.MapPut("/{id}", EditAsync);
        api.MapGet("/{id}/history", HistoryAsync);
        api.MapGet("/{id}/rendering", RenderAsync);
        api.MapPost("/{id}/approval", ApproveAsync);
        api.MapPost("/{id}/retirement", RetireAsync);
        return app;
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
            return Results.Problem(
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
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The store is unavailable", detail: "Nothing changed. Try again in a moment.");
        }
    }

    private static Person Caller(HttpContext http) => (Person)http.Items[CallerItem]!;

    private static async Task<IResult> SearchAsync(HttpContext http, string? q, string? queue, string? source, string? language, string? tag, string? status, int? limit, AnswerLibrary library, CancellationToken cancellationToken)
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
            return Results.ValidationProblem(errors, title: "The search is not valid");
        }

        var filters = new AnswerFilters { Queue = Blank(queue), Source = Blank(source), Language = Blank(language), Tag = Blank(tag), Statuses = statuses };
        var answers = await library.SearchAsync(q, filters, count, cancellationToken).ConfigureAwait(false);
        return Results.Json(new AnswerSearchResponse(answers), LibraryJson.Default.AnswerSearchResponse);
    }

    private static async Task<IResult> GetAsync(string id, ICannedAnswerStore store, CancellationToken cancellationToken)
    {
        var answer = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        return answer is null ? NoSuchAnswer(id) : Document(answer, (await store.UsageAsync(cancellationToken).ConfigureAwait(false)).GetValueOrDefault(id));
    }

    private static async Task<IResult> HistoryAsync(string id, ICannedAnswerStore store, CancellationToken cancellationToken)
    {
        var history = await store.HistoryAsync(id, cancellationToken).ConfigureAwait(false);
        return history.Count == 0
            ? NoSuchAnswer(id)
            : Results.Json(history.Select(a => AnswerDocument.Of(a) with { UsageCount = null }).ToList(), LibraryJson.Default.ListAnswerDocument);
    }

    private static async Task<IResult> RenderAsync(HttpContext http, string id, string? postId, string? agent, ICannedAnswerStore store, IPostStore posts, AccountabilityPolicy policy, CancellationToken cancellationToken)
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
            return Results.ValidationProblem(errors, title: "The answer cannot be personalised");
        }

        var answer = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        return answer is null
            ? NoSuchAnswer(id)
            : Results.Json(AnswerRenderResponse.Of(answer, AnswerLibrary.RenderFor(answer, post!, person!)), LibraryJson.Default.AnswerRenderResponse);
    }

    private static async Task<IResult> CreateAsync(HttpContext http, LibraryCuration curation, CancellationToken cancellationToken)
    {
        var (document, problem) = await ReadAsync(http, LibraryJson.Default.AnswerDocument, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return problem!;
        }

        var result = await curation.CreateAsync(Caller(http), document, cancellationToken).ConfigureAwait(false);
        return result.Outcome == CurationOutcome.Saved
            ? Results.Json(AnswerDocument.Of(result.Answer!), LibraryJson.Default.AnswerDocument, statusCode: StatusCodes.Status201Created)
            : Outcome(result);
    }

    private static async Task<IResult> EditAsync(HttpContext http, string id, LibraryCuration curation, CancellationToken cancellationToken)
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

    private static Task<IResult> ApproveAsync(HttpContext http, string id, LibraryCuration curation, CancellationToken cancellationToken) =>
        StepAsync(http, (who, version) => curation.ApproveAsync(who, id, version, cancellationToken), cancellationToken);

    private static Task<IResult> RetireAsync(HttpContext http, string id, LibraryCuration curation, CancellationToken cancellationToken) =>
        StepAsync(http, (who, version) => curation.RetireAsync(who, id, version, cancellationToken), cancellationToken);

    private static async Task<IResult> StepAsync(HttpContext http, Func<Person, int, Task<CurationResult>> step, CancellationToken cancellationToken)
    {
        var (request, problem) = await ReadAsync(http, LibraryJson.Default.AnswerVersionRequest, cancellationToken).ConfigureAwait(false);
        if (request is null)
        {
            return problem!;
        }

        return request.Version is { } version ? Outcome(await step(Caller(http), version).ConfigureAwait(false)) : VersionRequired();
    }

    private static async Task<IResult> ProposeAsync(HttpContext http, LibraryCuration curation, IPostStore posts, CancellationToken cancellationToken)
    {
        var (request, problem) = await ReadAsync(http, LibraryJson.Default.AnswerProposalRequest, cancellationToken).ConfigureAwait(false);
        if (request is null)
        {
            return problem!;
        }

        if (string.IsNullOrWhiteSpace(request.PostId))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["postId"] = ["Name the post whose sent reply becomes an answer."] });
        }

        var reply = request.Reply ?? (await posts.GetAsync(request.PostId, cancellationToken).ConfigureAwait(false))?.Replies.Count ?? 0;
        var result = await curation.ProposeAsync(Caller(http), request.PostId, reply, cancellationToken).ConfigureAwait(false);
        return result.Outcome == CurationOutcome.Saved
            ? Results.Json(AnswerDocument.Of(result.Answer!), LibraryJson.Default.AnswerDocument, statusCode: StatusCodes.Status201Created)
            : Outcome(result);
    }

    private static async Task<IResult> ExportAsync(string? format, ICannedAnswerStore store, CancellationToken cancellationToken)
    {
        var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
        if (!csv && format is not null && !string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["Export as json or csv."] });
        }

        var answers = (await store.ChangesSinceAsync(0, cancellationToken).ConfigureAwait(false)).Answers;
        var usage = await store.UsageAsync(cancellationToken).ConfigureAwait(false);
        return csv
            ? Results.File(AnswerExport.Csv(answers, usage), "text/csv; charset=utf-8", "answers.csv")
            : Results.File(AnswerExport.Json(answers, usage), "application/json; charset=utf-8", "answers.json");
    }

    private static async Task<IResult> ImportAsync(HttpContext http, LibraryCuration curation, IOptions<LibraryOptions> options, CancellationToken cancellationToken)
    {
        var type = http.Request.ContentType ?? "";
        var csv = type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase);
        if (!csv && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send JSON or CSV", detail: "Use Content-Type application/json or text/csv.");
        }

        var body = await ReadBytesAsync(http.Request, options.Value.MaxImportBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return TooLarge(options.Value.MaxImportBytes);
        }

        var result = await curation.ImportAsync(Caller(http), AnswerImport.Read(body, csv), cancellationToken).ConfigureAwait(false);
        return result.Outcome switch
        {
            CurationOutcome.Saved => Results.Json(result, LibraryJson.Default.ImportResult),
            CurationOutcome.Invalid => Results.ValidationProblem(
                result.Errors.GroupBy(e => e.Field is null ? $"line {e.Line}" : $"line {e.Line}: {e.Field}").ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
                detail: result.Message,
                title: "Nothing was imported"),
            _ => Problem(result.Outcome, result.Message),
        };
    }

    /// <summary>Reads a JSON body; a body that is not the expected JSON is a problem naming where it went wrong.</summary>
    private static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpContext http, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        var body = await ReadBytesAsync(http.Request, MaxAnswerBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return (null, TooLarge(MaxAnswerBytes));
        }

        try
        {
            var value = body.Length == 0 ? null : JsonSerializer.Deserialize(body, type);
            return value is null
                ? (null, Results.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["Send a JSON object."] }))
                : (value, null);
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "body";
            return (null, Results.ValidationProblem(new Dictionary<string, string[]>
            {
                [field] = [field == "body" ? "This is not valid JSON." : "This value has the wrong type."],
            }));
        }
    }

    private static async Task<byte[]?> ReadBytesAsync(HttpRequest request, int max, CancellationToken cancellationToken)
    {
        if (request.ContentLength > max)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static IResult Outcome(CurationResult result) => result.Outcome switch
    {
        CurationOutcome.Saved or CurationOutcome.Unchanged => Document(result.Answer!, null),
        CurationOutcome.Invalid => Results.ValidationProblem(result.Errors, title: "The answer is not valid"),
        _ => Problem(result.Outcome, result.Message),
    };

    private static IResult Problem(CurationOutcome outcome, string message) => Results.Problem(
        statusCode: outcome switch
        {
            CurationOutcome.Forbidden => StatusCodes.Status403Forbidden,
            CurationOutcome.NotFound => StatusCodes.Status404NotFound,
            CurationOutcome.Conflict => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status400BadRequest,
        },
        detail: message);

    private static IResult Document(CannedAnswer answer, AnswerUsage? usage) =>
        Results.Json(AnswerDocument.Of(answer, usage), LibraryJson.Default.AnswerDocument);

    private static IResult NoSuchAnswer(string id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"There is no answer \"{id}\".");

    private static IResult VersionRequired() =>
        Results.ValidationProblem(new Dictionary<string, string[]> { ["version"] = ["Send the version you looked at, so a change made since is not overwritten."] });

    private static IResult TooLarge(int max) =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, detail: $"Send at most {max / 1024} KB.");

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
