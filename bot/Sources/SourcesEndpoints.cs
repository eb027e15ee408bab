using Microsoft.AspNetCore.Http.HttpResults;
using System.Net;
using System.Text.Json;
using ChatOpsReply.Http;
using ChatOpsReply.Posts;
using ChatOpsReply.Sources.Meta;
using ChatOpsReply.Sources.Twilio;
using ChatOpsReply.Sources.X;

namespace ChatOpsReply.Sources;

public static partial class SourcesEndpoints
{
    /// <summary>Bodies above this are refused with 413 before anything else is read.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    public static IEndpointRouteBuilder MapSources(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var secret = app.ServiceProvider.GetRequiredService<GenericWebhookSecret>();
        if (secret.IsGenerated)
        {
            LogGeneratedSecret(app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("ChatOpsReply.Sources"), secret.File!);
        }

        app.MapGroup("/api")
            .MapPost("/posts", ReceivePostAsync)
            .WithName("ReceivePost")
            .WithSummary("A customer post from any signed webhook sender")
            .Accepts<IncomingPost>("application/json")
            .DisableAntiforgery();
        app.MapTwilio();
        app.MapMeta();
        app.MapX();
        return app;
    }

    /// <summary>
    /// Verify the signature on the raw bytes, then parse, then store; acknowledge (202) only
    /// what was stored. Order matters: nothing unverified is parsed, nothing unstored is acknowledged.
    /// </summary>
    private static async Task<Results<Accepted<IntakeResponse>, ValidationProblem, ProblemHttpResult>> ReceivePostAsync(HttpContext http, GenericWebhookSecret secret, PostIntake intake, TimeProvider time, CancellationToken cancellationToken)
    {
        if (secret.IsGenerated && http.Connection.RemoteIpAddress is { } remote && !IPAddress.IsLoopback(remote))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Only local senders until a secret is configured",
                detail: "Set Sources:Generic:Secret to accept posts from other machines.");
        }

        var body = await RequestBody.ReadAsync(http.Request, MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return TooLarge();
        }

        var check = GenericWebhookSignature.Verify(
            secret.Value,
            http.Request.Headers[GenericWebhookSignature.TimestampHeader],
            http.Request.Headers[GenericWebhookSignature.SignatureHeader],
            body,
            time.GetUtcNow());
        if (check != SignatureCheck.Valid)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Bad or missing signature",
                detail: check switch
                {
                    SignatureCheck.Missing => $"Send {GenericWebhookSignature.TimestampHeader} and {GenericWebhookSignature.SignatureHeader}.",
                    SignatureCheck.Stale => $"{GenericWebhookSignature.TimestampHeader} must be unix seconds within five minutes of now.",
                    _ => $"{GenericWebhookSignature.SignatureHeader} does not match: sign \"timestamp.body\" with HMAC-SHA256.",
                });
        }

        var (incoming, errors) = IncomingPostParser.Parse(body);
        if (incoming is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The post is not valid");
        }

        try
        {
            var result = await intake.ReceiveAsync(incoming, cancellationToken).ConfigureAwait(false);
            return TypedResults.Accepted((string?)null, new IntakeResponse(result.PostId, JsonNamingPolicy.CamelCase.ConvertName(result.Status.ToString())));
        }
        catch (StoreUnavailableException)
        {
            http.Response.Headers.RetryAfter = "5";
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "The store is unavailable",
                detail: "Nothing was stored. Retry shortly.");
        }
    }

    private static ProblemHttpResult TooLarge() => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "The post is too large",
        detail: $"Bodies are limited to {MaxBodyBytes / 1024} KB.");

    // The secret itself is never logged: log shipping would copy it.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Sources:Generic:Secret is not set: POST /api/posts accepts only local senders, signed with the secret in {File} (readable by this user only)")]
    private static partial void LogGeneratedSecret(ILogger logger, string file);
}
