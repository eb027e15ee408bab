using System.Text.Json;
using System.Text.Json.Serialization;
using ChatOpsReply.Accountability;
using ChatOpsReply.Guidelines;
using ChatOpsReply.Posts;

namespace ChatOpsReply.WebConsole;

/// <summary>
/// The live check of a reply being typed, as JSON: <c>POST /console/posts/{id}/findings</c> with
/// <c>{"text": "…"}</c> answers every finding (code, severity, stage, message, the span of the text
/// it is about, a suggested library answer), exactly what the workflow will decide on Send and what
/// Slack and Teams show. Mapped in the console's group, so only for people signed in: the findings speak of the customer.
/// </summary>
public static class ReplyFindingsEndpoint
{
    /// <summary>A reply longer than any platform takes, with room: longer bodies are refused before they are read.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public static RouteGroupBuilder MapReplyFindings(this RouteGroupBuilder console)
    {
        ArgumentNullException.ThrowIfNull(console);
        // JSON only: a browser cannot send it from another site without asking first (CORS), so no form token is needed.
        console.MapPost("/posts/{id}/findings", CheckAsync);
        return console;
    }

    private static async Task<IResult> CheckAsync(HttpContext http, string id, IPostStore posts, LiveReplyCheck checks, CancellationToken cancellationToken)
    {
        if (!http.Request.HasJsonContentType())
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, detail: "Send application/json: {\"text\": \"…\"}.");
        }

        var body = await Http.RequestBody.ReadAsync(http.Request, MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, detail: $"Send at most {MaxBodyBytes} bytes.");
        }

        ReplyCheckRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(body, ReplyCheckJson.Default.ReplyCheckRequest);
        }
        catch (JsonException)
        {
            request = null;
        }

        if (request?.Text is not { } text)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["text"] = ["Send the reply as typed: {\"text\": \"…\"}."] });
        }

        try
        {
            if (await posts.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { } post)
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: "That post does not exist.");
            }

            var report = await checks.CheckAsync(post, text, cancellationToken).ConfigureAwait(false);
            return Results.Json(ReplyCheckResponse.Of(report), ReplyCheckJson.Default.ReplyCheckResponse);
        }
        catch (StoreUnavailableException)
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, detail: CommandResult.StoreUnavailableMessage);
        }
    }
}

public sealed record ReplyCheckRequest(string? Text);

/// <param name="Passes">No error about the words: the draft can be submitted.</param>
/// <param name="Sendable">No error at all: it could go out now.</param>
public sealed record ReplyCheckResponse(bool Passes, bool Sendable, IReadOnlyList<ReplyCheckFinding> Findings)
{
    public static ReplyCheckResponse Of(GuidelineReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new(
            report.Findings.All(f => !f.IsError || f.Stage == FindingStage.Send),
            report.Passes,
            [.. report.Findings.Select(f => new ReplyCheckFinding(
                f.Code,
                f.IsError ? "error" : "warning",
                f.Stage == FindingStage.Send ? "send" : "draft",
                f.Message,
                f.Span?.Start,
                f.Span?.Length,
                f.Suggestion))]);
    }
}

/// <param name="Start">Where in the text sent the finding's words start (UTF-16 code units, as JavaScript counts), or null.</param>
public sealed record ReplyCheckFinding(string Code, string Severity, string Stage, string Message, int? Start, int? Length, SuggestedAnswer? Suggestion);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ReplyCheckRequest))]
[JsonSerializable(typeof(ReplyCheckResponse))]
internal sealed partial class ReplyCheckJson : JsonSerializerContext;
