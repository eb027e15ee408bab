using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Sources.Meta;

/// <summary>
/// Meta's webhook: the subscription check (GET, echo the challenge to whoever knows the verify
/// token) and the events (POST, X-Hub-Signature-256 over the raw body checked before it is read).
/// </summary>
public static class MetaEndpoints
{
    public const string Path = "/api/sources/meta";

    /// <summary>Meta batches events; a body above this is not Meta's.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public const string SignatureHeader = "X-Hub-Signature-256";

    public static IEndpointRouteBuilder MapMeta(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.ServiceProvider.GetRequiredService<IOptions<MetaOptions>>().Value.IsEnabled)
        {
            return app;
        }

        app.MapGet(Path, Verify);
        app.MapPost(Path, ReceiveAsync).DisableAntiforgery();
        return app;
    }

    // Meta: GET with hub.mode=subscribe, hub.verify_token and hub.challenge; answer the challenge, developers.facebook.com/docs/graph-api/webhooks/getting-started#verification-requests
    private static IResult Verify(HttpRequest request, IOptions<MetaOptions> options)
    {
        var query = request.Query;
        var token = Encoding.UTF8.GetBytes(query["hub.verify_token"].ToString());
        var expected = Encoding.UTF8.GetBytes(options.Value.VerifyToken!);
        if (query["hub.mode"] != "subscribe" || !CryptographicOperations.FixedTimeEquals(token, expected))
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Wrong verify token", detail: "hub.verify_token must be Sources:Meta:VerifyToken and hub.mode \"subscribe\".");
        }

        return Results.Text(query["hub.challenge"].ToString(), "text/plain");
    }

    // Meta: X-Hub-Signature-256 is sha256= and the hex HMAC-SHA256 of the raw payload with the app secret, developers.facebook.com/docs/graph-api/webhooks/getting-started#validate-payloads
    // Meta: answer 200 to every delivery, or it is retried, same page
    private static Task<IResult> ReceiveAsync(HttpContext http, IOptions<MetaOptions> options, PostIntake intake, ILoggerFactory logs, CancellationToken cancellationToken) =>
        SignedWebhook.ReceiveAsync(
            http,
            new WebhookSigning("Meta", SignatureHeader, BodySignature.Hex, options.Value.AppSecret!, MaxBodyBytes),
            MetaWebhook.Read,
            intake,
            logs.CreateLogger(typeof(MetaEndpoints)),
            cancellationToken);
}
