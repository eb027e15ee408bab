using System.Text.Json;
using System.Text;
using ChatOpsReply.Http;
using ChatOpsReply.Posts;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Slack;

/// <summary>
/// Slack's three request URLs. Each request is verified on its raw bytes before anything in it
/// is read, handled, and acknowledged well inside Slack's 3 seconds (slow work follows the
/// acknowledgement, through the outbox or <see cref="SlackFollowUps"/>).
/// </summary>
public static partial class SlackEndpoints
{
    /// <summary>Slack's payloads are small; anything bigger is not from Slack.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.ServiceProvider.GetRequiredService<IOptions<SlackOptions>>().Value.IsEnabled)
        {
            return app;
        }

        var slack = app.MapGroup("/api/slack").DisableAntiforgery();
        slack.MapPost("/events", EventsAsync);
        slack.MapPost("/interactions", InteractionsAsync);
        slack.MapPost("/commands", CommandsAsync);
        return app;
    }

    private static async Task<IResult> EventsAsync(HttpContext http, SlackEvents events, CancellationToken cancellationToken)
    {
        var body = await VerifiedBodyAsync(http, cancellationToken).ConfigureAwait(false);
        if (body.Refusal is { } refusal)
        {
            return refusal;
        }

        if (Unreadable(http, body.Bytes, "The event is not valid") is { } unreadable)
        {
            return unreadable;
        }

        JsonElement envelope;
        try
        {
            envelope = JsonDocument.Parse(body.Bytes).RootElement.Clone();
        }
        catch (JsonException)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The event is not JSON");
        }

        try
        {
            return Answer(await events.HandleAsync(envelope, cancellationToken).ConfigureAwait(false));
        }
        catch (StoreUnavailableException)
        {
            // Not recorded, so not handled: Slack delivers it again later.
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The store is unavailable");
        }
    }

    private static async Task<IResult> InteractionsAsync(HttpContext http, SlackInteractions interactions, CancellationToken cancellationToken)
    {
        var body = await VerifiedBodyAsync(http, cancellationToken).ConfigureAwait(false);
        if (body.Refusal is { } refusal)
        {
            return refusal;
        }

        // Slack: interactions arrive form-encoded with the JSON in one field, "payload", docs.slack.dev/interactivity/handling-user-interaction#payloads
        var form = Form(body.Bytes);
        if (IsSslCheck(form))
        {
            return Results.Ok();
        }

        var payload = form.GetValueOrDefault("payload").ToString();
        if (Unreadable(http, Encoding.UTF8.GetBytes(payload), "The payload field is not valid") is { } unreadable)
        {
            return unreadable;
        }

        JsonElement parsed;
        try
        {
            parsed = JsonDocument.Parse(payload).RootElement.Clone();
        }
        catch (JsonException)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The payload field is not JSON");
        }

        return Answer(await interactions.HandleAsync(parsed, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<IResult> CommandsAsync(HttpContext http, SlackCommands commands, CancellationToken cancellationToken)
    {
        var body = await VerifiedBodyAsync(http, cancellationToken).ConfigureAwait(false);
        if (body.Refusal is { } refusal)
        {
            return refusal;
        }

        var form = Form(body.Bytes);
        if (IsSslCheck(form))
        {
            return Results.Ok();
        }

        var request = SlashCommandRequest.Read(name => form.TryGetValue(name, out var value) ? value.ToString() : null);
        return Answer(await commands.HandleAsync(request, cancellationToken).ConfigureAwait(false));
    }

    // Slack: its SSL check is a form post with ssl_check=1, answered with an empty 200 and nothing done, docs.slack.dev/interactivity/implementing-slash-commands#ssl
    private static bool IsSslCheck(Dictionary<string, Microsoft.Extensions.Primitives.StringValues> form) =>
        form.TryGetValue("ssl_check", out var ssl) && ssl == "1";

    /// <summary>A 400 naming the first string in the JSON that is not text; null when all are.</summary>
    private static IResult? Unreadable(HttpContext http, byte[] json, string title)
    {
        if (JsonText.FirstUnreadable(json) is not { } path)
        {
            return null;
        }

        LogUnreadable(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("ChatOpsReply.Slack"), http.Request.Path, path);
        return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: title, detail: $"{path}: {JsonText.Problem}");
    }

    private static IResult Answer(System.Text.Json.Nodes.JsonObject? body) =>
        body is null ? Results.Ok() : Results.Text(body.ToJsonString(), "application/json; charset=utf-8");

    private static Dictionary<string, Microsoft.Extensions.Primitives.StringValues> Form(byte[] body) =>
        QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));

    private readonly record struct VerifiedBody(byte[] Bytes, IResult? Refusal);

    /// <summary>The raw body when its Slack signature checks out; otherwise the answer to give (401, 413).</summary>
    private static async Task<VerifiedBody> VerifiedBodyAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var services = http.RequestServices;
        var options = services.GetRequiredService<IOptions<SlackOptions>>().Value;
        var body = await RequestBody.ReadAsync(http.Request, MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return new VerifiedBody([], Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large for a Slack request"));
        }

        var check = SlackSignature.Verify(
            options.SigningSecret!,
            http.Request.Headers[SlackSignature.TimestampHeader],
            http.Request.Headers[SlackSignature.SignatureHeader],
            body,
            services.GetRequiredService<TimeProvider>().GetUtcNow());
        if (check == SignatureCheck.Valid)
        {
            return new VerifiedBody(body, null);
        }

        // Slack's SSL check may come unsigned (IsSslCheck).
        if (check == SignatureCheck.Missing && IsSslCheck(Form(body)))
        {
            return new VerifiedBody([], Results.Ok());
        }

        // Never the body: it is unverified and may hold anything.
        LogRefused(services.GetRequiredService<ILoggerFactory>().CreateLogger("ChatOpsReply.Slack"), http.Request.Path, check, http.Connection.RemoteIpAddress?.ToString());
        return new VerifiedBody([], Results.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Bad or missing Slack signature",
            detail: check == SignatureCheck.Stale ? $"{SlackSignature.TimestampHeader} is more than five minutes from now." : $"{SlackSignature.SignatureHeader} does not match this app's signing secret."));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a signed request to {Path}: {Field} is not valid text")]
    private static partial void LogUnreadable(ILogger logger, string path, string field);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a request to {Path} from {Remote}: signature {Check}")]
    private static partial void LogRefused(ILogger logger, string path, SignatureCheck check, string? remote);
}
