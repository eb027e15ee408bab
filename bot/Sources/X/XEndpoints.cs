using System.Security.Cryptography;
using System.Text;
using ChatOpsReply.Storage;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Sources.X;

/// <summary>
/// X's webhook: the challenge-response check (GET with crc_token, answered with its HMAC) and the
/// events (POST, x-twitter-webhooks-signature over the raw body checked before it is read).
/// </summary>
public static partial class XEndpoints
{
    public const string Path = "/api/sources/x";
    public const string SignatureHeader = "x-twitter-webhooks-signature";
    public const int MaxBodyBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapX(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.ServiceProvider.GetRequiredService<IOptions<XOptions>>().Value.IsEnabled)
        {
            return app;
        }

        app.MapGet(Path, Challenge);
        app.MapPost(Path, ReceiveAsync).DisableAntiforgery();
        return app;
    }

    /// <summary>The CRC answer: <c>sha256=</c> and the base64 HMAC-SHA256 of the token with the consumer secret.</summary>
    // X: GET ?crc_token= answered {"response_token": "sha256=<base64 HMAC-SHA256>"} within 3 seconds, docs.x.com/x-api/webhooks/introduction#challenge-response-checks
    public static string ResponseToken(string consumerSecret, string crcToken) =>
        BodySignature.Base64Encoded.Sign(consumerSecret, Encoding.UTF8.GetBytes(crcToken));

    private static IResult Challenge(HttpRequest request, IOptions<XOptions> options)
    {
        if (request.Query["crc_token"].ToString() is not { Length: > 0 and <= 1024 } token)
        {
            return SourceProblems.Malformed("crc_token", "Required: X sends it to check the webhook.");
        }

        return Results.Json(new CrcResponse(ResponseToken(options.Value.ConsumerSecret!, token)), XJson.Default.CrcResponse);
    }

    private static async Task<IResult> ReceiveAsync(HttpContext http, IOptions<XOptions> options, PostIntake intake, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(http.Request, MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return SourceProblems.TooLarge(MaxBodyBytes);
        }

        // X: x-twitter-webhooks-signature is sha256= and the base64 HMAC-SHA256 of the body with the consumer secret, docs.x.com/x-api/webhooks/introduction#validating-the-signature-header
        var check = BodySignature.Base64Encoded.Verify(options.Value.ConsumerSecret!, http.Request.Headers[SignatureHeader], body);
        if (check != SignatureCheck.Valid)
        {
            return SourceProblems.BadSignature(check == SignatureCheck.Missing
                ? $"Send {SignatureHeader}."
                : $"{SignatureHeader} does not match: X signs the raw body with the consumer secret.");
        }

        var (posts, error) = XWebhook.Parse(body, options.Value.AccountId);
        if (error is { } malformed)
        {
            LogMalformed(logs.CreateLogger(typeof(XEndpoints)), malformed.Path, malformed.Problem);
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
            return SourceProblems.StoreUnavailable(http);
        }

        return Results.Ok();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "X webhook refused: {Path} {Problem}")]
    private static partial void LogMalformed(ILogger logger, string path, string problem);
}
