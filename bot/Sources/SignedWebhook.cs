using System.Text.Json;
using ChatOpsReply.Http;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Sources;

/// <summary>How one platform signs its JSON webhooks: the header, the scheme and the secret.</summary>
public sealed record WebhookSigning(string Platform, string Header, BodySignature Scheme, string Secret, int MaxBodyBytes);

/// <summary>
/// The receiving half every JSON webhook shares (Meta, X): the signature over the raw bytes is
/// checked before anything is read, then the platform's reader turns the payload into customer
/// messages, each handed to the intake. A malformed payload gets a 400 naming the field (logged
/// without its content); a store that cannot take it a 503, so the platform delivers it again.
/// </summary>
public static partial class SignedWebhook
{
    public static async Task<IResult> ReceiveAsync(
        HttpContext http,
        WebhookSigning signing,
        Func<JsonElement, (IReadOnlyList<IncomingPost> Posts, (string Path, string Problem)? Error)> read,
        PostIntake intake,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(signing);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(intake);
        var body = await RequestBody.ReadAsync(http.Request, signing.MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return SourceProblems.TooLarge(signing.MaxBodyBytes);
        }

        var check = signing.Scheme.Verify(signing.Secret, http.Request.Headers[signing.Header], body);
        if (check != SignatureCheck.Valid)
        {
            return SourceProblems.BadSignature(check == SignatureCheck.Missing
                ? $"Send {signing.Header}."
                : $"{signing.Header} does not match: {signing.Platform} signs the raw body with the app's secret.");
        }

        var (posts, error) = Read(body, read);
        if (error is { } malformed)
        {
            LogMalformed(logger, signing.Platform, malformed.Path, malformed.Problem);
            return SourceProblems.Malformed(malformed.Path, malformed.Problem);
        }

        try
        {
            foreach (var post in posts)
            {
                await intake.ReceiveAsync(post, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (StoreUnavailableException)
        {
            // The platform delivers the batch again; what was stored already is deduplicated then.
            return SourceProblems.StoreUnavailable(http);
        }

        return Results.Ok();
    }

    private static (IReadOnlyList<IncomingPost> Posts, (string Path, string Problem)? Error) Read(byte[] body, Func<JsonElement, (IReadOnlyList<IncomingPost>, (string, string)?)> read)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            return ([], ("body", "Not valid JSON."));
        }

        using (document)
        {
            if (JsonText.FirstUnreadable(body) is { } unreadable)
            {
                return ([], (unreadable, JsonText.Problem));
            }

            return document.RootElement.ValueKind == JsonValueKind.Object ? read(document.RootElement) : ([], ("body", "Must be a JSON object."));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Platform} webhook refused: {Path} {Problem}")]
    private static partial void LogMalformed(ILogger logger, string platform, string path, string problem);
}
