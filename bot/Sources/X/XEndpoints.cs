using System.Text;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Sources.X;

/// <summary>
/// X's webhook: the challenge-response check (GET with crc_token, answered with its HMAC) and the
/// events (POST, x-twitter-webhooks-signature over the raw body checked before it is read).
/// </summary>
public static class XEndpoints
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

    // X: x-twitter-webhooks-signature is sha256= and the base64 HMAC-SHA256 of the body with the consumer secret, docs.x.com/x-api/webhooks/introduction#validating-the-signature-header
    private static Task<IResult> ReceiveAsync(HttpContext http, IOptions<XOptions> options, PostIntake intake, ILoggerFactory logs, CancellationToken cancellationToken) =>
        SignedWebhook.ReceiveAsync(
            http,
            new WebhookSigning("X", SignatureHeader, BodySignature.Base64Encoded, options.Value.ConsumerSecret!, MaxBodyBytes),
            root => XWebhook.Read(root, options.Value.AccountId),
            intake,
            logs.CreateLogger(typeof(XEndpoints)),
            cancellationToken);
}
