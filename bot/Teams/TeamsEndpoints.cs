using System.Buffers;
using System.Text.Json;
using ChatOpsReply.Http;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Teams;

public static class TeamsEndpoints
{
    /// <summary>Activities above this are refused with 413 (Teams sends a few KB; a card action at most tens).</summary>
    public const int MaxBodyBytes = 256 * 1024;

    public static IEndpointRouteBuilder MapTeams(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.ServiceProvider.GetRequiredService<IOptions<TeamsOptions>>().Value.IsEnabled)
        {
            return app;
        }

        // Bot Framework: the bot's messaging endpoint, configured on the Azure bot as https://<host>/api/messages.
        app.MapPost("/api/messages", ReceiveAsync).WithName("TeamsMessages").DisableAntiforgery();
        return app;
    }

    /// <summary>
    /// The token is checked before the body is read; then only serviceUrl and channelId are read
    /// to finish the check; only then is the activity parsed and handled.
    /// </summary>
    private static async Task<IResult> ReceiveAsync(HttpContext http, BotFrameworkAuthentication authentication, TeamsActivityHandler handler, CancellationToken cancellationToken)
    {
        var token = await authentication.CheckTokenAsync(http.Request.Headers.Authorization, cancellationToken).ConfigureAwait(false);
        if (!token.IsValid)
        {
            return Refuse(http, token);
        }

        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return TooLarge();
        }

        var buffer = ArrayPool<byte>.Shared.Rent(MaxBodyBytes + 1);
        try
        {
            var length = await http.Request.Body.ReadAtLeastAsync(buffer.AsMemory(0, MaxBodyBytes + 1), MaxBodyBytes + 1, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            if (length > MaxBodyBytes)
            {
                return TooLarge();
            }

            var body = buffer.AsMemory(0, length);
            if (ActivityEnvelope.Read(body.Span) is not { } envelope)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The activity is not valid", detail: "The body must be a JSON activity object.");
            }

            var check = BotFrameworkAuthentication.CheckActivity(token, envelope.ServiceUrl, envelope.ChannelId);
            if (!check.IsValid)
            {
                return Refuse(http, check);
            }

            if (JsonText.FirstUnreadable(body.Span) is { } unreadable)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The activity is not valid", detail: $"{unreadable}: {JsonText.Problem}");
            }

            BotActivity? activity;
            try
            {
                activity = JsonSerializer.Deserialize(body.Span, TeamsJson.Default.BotActivity);
            }
            catch (JsonException e)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The activity is not valid", detail: e.Message);
            }

            return activity is null
                ? Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The activity is not valid", detail: "The body must be a JSON activity object.")
                : await handler.HandleAsync(activity, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static IResult Refuse(HttpContext http, BotFrameworkCheck check)
    {
        switch (check.Outcome)
        {
            case BotFrameworkCheckOutcome.Unavailable:
                http.Response.Headers.RetryAfter = "10";
                return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Cannot check the token now", detail: check.Reason);
            default:
                http.Response.Headers.WWWAuthenticate = "Bearer";
                return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Not a Bot Framework request for this bot", detail: check.Reason);
        }
    }

    private static IResult TooLarge() => Results.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "The activity is too large",
        detail: $"Activities are limited to {MaxBodyBytes / 1024} KB.");
}
