using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using ChatOpsReply.Teams;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatOpsReply.Tests.Support;

/// <summary>
/// The Bot Framework as a bot sees it, on 127.0.0.1: the OpenID metadata and signing keys (with
/// endorsements), the Microsoft identity platform's token endpoint (over HTTPS with a self-signed
/// certificate, as MSAL insists on HTTPS) and the Bot Connector, which records every call and can
/// answer with an error on demand. It also signs the tokens the "Bot Framework" sends the bot.
/// </summary>
public sealed class FakeBotFramework : IAsyncDisposable
{
    public const string AppId = "5b8e2c7a-1d4f-4e8a-9c3b-6a2f0e1d9c8b";
    public const string AppPassword = "test-app-password";
    public const string TenantId = "72f988bf-0000-4000-8000-00000000cafe";
    public const string TeamId = "19:team@thread.tacv2";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(int Status, string? Code, TimeSpan? RetryAfter)> _failures = new();
    private readonly ConcurrentDictionary<string, int> _lostAnswers = new(StringComparer.Ordinal);
    private int _activityIds = 1000;
    private int _tokenRequests;

    private FakeBotFramework(WebApplication app, X509Certificate2 certificate)
    {
        _app = app;
        Certificate = certificate;
    }

    /// <summary>The key the Bot Framework signs with, endorsed for msteams.</summary>
    public RsaSecurityKey SigningKey { get; } = NewKey("bf-key-1");

    /// <summary>A published key endorsed only for another channel.</summary>
    public RsaSecurityKey WebChatKey { get; } = NewKey("bf-key-webchat");

    /// <summary>Keys published later (a rollover), and a key nobody publishes.</summary>
    public RsaSecurityKey RolledKey { get; } = NewKey("bf-key-2");

    public RsaSecurityKey UnknownKey { get; } = NewKey("not-published");

    public bool PublishRolledKey { get; set; }

    public X509Certificate2 Certificate { get; }

    public Uri HttpUrl { get; private set; } = null!;

    public Uri HttpsUrl { get; private set; } = null!;

    /// <summary>The service URL activities come from: the fake connector.</summary>
    public string ServiceUrl => HttpUrl.AbsoluteUri;

    public Uri MetadataUrl => new(HttpUrl, "v1/.well-known/openidconfiguration");

    public Uri TokenEndpoint => new(HttpsUrl, $"{TenantId}/oauth2/v2.0/token");

    public ConcurrentQueue<ConnectorCall> Calls { get; } = new();

    public ConcurrentQueue<IReadOnlyDictionary<string, string>> TokenRequests { get; } = new();

    public int MetadataFetches { get; private set; }

    /// <summary>Seconds until the tokens it issues expire.</summary>
    public int TokenLifetimeSeconds { get; set; } = 3600;

    /// <summary>Channels listed for <see cref="TeamId"/>: id → name (null for General).</summary>
    public List<(string Id, string? Name)> TeamChannels { get; } = [(TeamId, null), ("19:support@thread.tacv2", "Support"), ("19:legal@thread.tacv2", "Legal review")];

    /// <summary>Members listed for the team: Teams user id → Entra object id.</summary>
    public List<(string Id, string Name, string AadObjectId)> TeamMembers { get; } = [];

    /// <summary>Settings that point the service at this fake.</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["Teams:AppId"] = AppId,
        ["Teams:AppPassword"] = AppPassword,
        ["Teams:TenantId"] = TenantId,
        ["Teams:OpenIdMetadataUrl"] = MetadataUrl.AbsoluteUri,
        ["Teams:TokenEndpoint"] = TokenEndpoint.AbsoluteUri,
    };

    public static async Task<FakeBotFramework> StartAsync()
    {
        var certificate = SelfSignedCertificate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.Listen(IPAddress.Loopback, 0, o => o.UseHttps(certificate));
        });
        var app = builder.Build();
        var fake = new FakeBotFramework(app, certificate);
        fake.Map();
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        fake.HttpUrl = new Uri(addresses.Single(a => a.StartsWith("http://", StringComparison.Ordinal)) + "/");
        fake.HttpsUrl = new Uri(addresses.Single(a => a.StartsWith("https://", StringComparison.Ordinal)) + "/");
        return fake;
    }

    /// <summary>Registrations that let the service's MSAL trust this fake's self-signed HTTPS certificate (only it).</summary>
    public void TrustCertificate(IServiceCollection services) =>
        services.AddHttpClient(TeamsServiceCollectionExtensions.TokenClient).ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == Certificate.Thumbprint,
        });

    /// <summary>The next <paramref name="times"/> connector calls answer with this error.</summary>
    public void Fail(int times, int status, string? code = null, TimeSpan? retryAfter = null)
    {
        for (var i = 0; i < times; i++)
        {
            _failures.Enqueue((status, code, retryAfter));
        }
    }

    /// <summary>
    /// When set, calls that write to a thread (post, reply, update, delete) keep to Teams' per-bot-per-thread
    /// limits by this clock, a channel's reply chains counting as its thread, and beyond them are answered
    /// 429 with Retry-After and do nothing, as the real connector does.
    /// </summary>
    public Func<DateTimeOffset>? ThreadPaceClock { get; set; }

    /// <summary>Calls answered 429 because a thread was over its limits.</summary>
    public int ThreadLimited => _threadLimited;

    // Teams: per bot per thread 7 in 1 s, 8 in 2 s, 60 in 30 s, 1800 in an hour, msteams-docs bots/how-to/rate-limit#per-bot-per-thread-limit.
    private static readonly (TimeSpan Window, int Max)[] ThreadLimits =
        [(TimeSpan.FromSeconds(1), 7), (TimeSpan.FromSeconds(2), 8), (TimeSpan.FromSeconds(30), 60), (TimeSpan.FromHours(1), 1800)];

    private readonly Dictionary<string, List<DateTimeOffset>> _threadCalls = new(StringComparer.Ordinal);
    private int _threadLimited;

    /// <summary>While it lasts, every connector call gets the storm's answer and does nothing.</summary>
    public PlatformStorm? Storm { get; set; }

    public int TokenRequestCount => _tokenRequests;

    public IEnumerable<ConnectorCall> Of(string route) => Calls.Where(c => c.Route == route);

    /// <summary>The next <paramref name="times"/> calls of <paramref name="route"/> are carried out, then the connection is dropped before the answer.</summary>
    public void LoseAnswers(string route, int times = 1) => _lostAnswers.AddOrUpdate(route, times, (_, n) => n + times);

    /// <summary>Cards of the post still in a channel: posted ("create") and not deleted since.</summary>
    public IReadOnlyList<string> LiveCardsOf(string postId)
    {
        var deleted = Of("delete").Where(c => c.Answer is not null).Select(c => c.ActivityId).ToHashSet(StringComparer.Ordinal);
        return [.. Of("create")
            .Where(c => c.Answer is not null && c.Card?.ToJsonString().Contains($"\"{postId}\"", StringComparison.Ordinal) == true)
            .Select(c => (string)c.Answer!["activityId"]!)
            .Where(id => !deleted.Contains(id))];
    }

    /// <summary>A token as the Bot Framework signs them for this bot, valid around <paramref name="now"/>.</summary>
    public string Token(DateTimeOffset now, string? serviceUrl = null, SecurityKey? key = null, string issuer = BotFrameworkAuthentication.Issuer, string audience = AppId, TimeSpan? age = null, string algorithm = SecurityAlgorithms.RsaSha256)
    {
        var issued = now - (age ?? TimeSpan.FromMinutes(1));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = issued.UtcDateTime,
            NotBefore = issued.UtcDateTime,
            Expires = (issued + TimeSpan.FromHours(1)).UtcDateTime,
            Claims = new Dictionary<string, object> { [BotFrameworkAuthentication.ServiceUrlClaim] = serviceUrl ?? ServiceUrl, ["appid"] = "d6d49420-f39b-4df7-a1dc-d59a935871db" },
            SigningCredentials = new SigningCredentials(key ?? SigningKey, algorithm),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Certificate.Dispose();
    }

    private void Map()
    {
        _app.MapGet("/v1/.well-known/openidconfiguration", () =>
        {
            MetadataFetches++;
            return Results.Json(new JsonObject
            {
                ["issuer"] = BotFrameworkAuthentication.Issuer,
                ["authorization_endpoint"] = "https://invalid.botframework.com",
                ["jwks_uri"] = new Uri(HttpUrl, "v1/.well-known/keys").AbsoluteUri,
                ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
                ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
            });
        });
        _app.MapGet("/v1/.well-known/keys", () =>
        {
            // Bot Framework: each key carries "endorsements", the channels it may sign for.
            var keys = new JsonArray(Jwk(SigningKey, "msteams", "skype", "webchat"), Jwk(WebChatKey, "webchat"));
            if (PublishRolledKey)
            {
                keys.Add(Jwk(RolledKey, "msteams"));
            }

            return Results.Json(new JsonObject { ["keys"] = keys });
        });
        _app.MapPost("/{tenant}/oauth2/v2.0/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            TokenRequests.Enqueue(form.ToDictionary(f => f.Key, f => f.Value.ToString()));
            var n = Interlocked.Increment(ref _tokenRequests);
            return Results.Json(new JsonObject
            {
                ["token_type"] = "Bearer",
                ["expires_in"] = TokenLifetimeSeconds,
                ["ext_expires_in"] = TokenLifetimeSeconds,
                ["access_token"] = $"bot-token-{n}",
            });
        });
        _app.MapPost("/v3/conversations", (HttpRequest r) => Connector(r, "create", null, null, body =>
            new JsonObject { ["id"] = $"{(string?)body?["channelData"]?["channel"]?["id"]};messageid={NextId()}", ["activityId"] = $"{_activityIds}" }));
        _app.MapPost("/v3/conversations/{conversationId}/activities", (HttpRequest r, string conversationId) =>
            Connector(r, "send", conversationId, null, _ => new JsonObject { ["id"] = NextId() }));
        _app.MapPost("/v3/conversations/{conversationId}/activities/{activityId}", (HttpRequest r, string conversationId, string activityId) =>
            Connector(r, "reply", conversationId, activityId, _ => new JsonObject { ["id"] = NextId() }));
        _app.MapPut("/v3/conversations/{conversationId}/activities/{activityId}", (HttpRequest r, string conversationId, string activityId) =>
            Connector(r, "update", conversationId, activityId, _ => new JsonObject { ["id"] = activityId }));
        _app.MapDelete("/v3/conversations/{conversationId}/activities/{activityId}", (HttpRequest r, string conversationId, string activityId) =>
            Connector(r, "delete", conversationId, activityId, _ => []));
        _app.MapGet("/v3/teams/{teamId}/conversations", (HttpRequest r, string teamId) => Connector(r, "channels", teamId, null, _ =>
            new JsonObject { ["conversations"] = new JsonArray([.. TeamChannels.Select(c => (JsonNode)new JsonObject { ["id"] = c.Id, ["name"] = c.Name })]) }));
        _app.MapGet("/v3/conversations/{conversationId}/pagedmembers", (HttpRequest r, string conversationId) => Connector(r, "members", conversationId, null, _ =>
            new JsonObject { ["members"] = new JsonArray([.. TeamMembers.Select(m => (JsonNode)new JsonObject { ["id"] = m.Id, ["name"] = m.Name, ["aadObjectId"] = m.AadObjectId })]) }));
    }

    private async Task<IResult> Connector(HttpRequest request, string route, string? conversationId, string? activityId, Func<JsonObject?, JsonObject> answer)
    {
        JsonObject? body = null;
        if (request.ContentLength > 0 || (request.Method != HttpMethods.Get && request.Method != HttpMethods.Delete))
        {
            body = await JsonNode.ParseAsync(request.Body) as JsonObject;
        }

        var call = new ConnectorCall(route, request.Method, conversationId, activityId, body, request.Headers.Authorization.ToString());
        (int Status, string? Code, TimeSpan? RetryAfter) failure = default;
        if (Storm?.Now() is { } storm)
        {
            failure = (storm.Status, null, storm.RetryAfter);
        }

        if (failure.Status == 0 && OverThreadLimit(route, conversationId, body) is { } retryAfter)
        {
            Interlocked.Increment(ref _threadLimited);
            failure = (429, "Throttled", retryAfter);
        }

        if (failure.Status != 0 || _failures.TryDequeue(out failure))
        {
            Calls.Enqueue(call);
            if (failure.RetryAfter is { } after)
            {
                request.HttpContext.Response.Headers.RetryAfter = ((int)after.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return Results.Json(new JsonObject { ["error"] = new JsonObject { ["code"] = failure.Code ?? "ServiceError", ["message"] = "The fake connector was told to fail." } }, statusCode: failure.Status);
        }

        var answered = answer(body);
        Calls.Enqueue(call with { Answer = answered });
        if (_lostAnswers.TryGetValue(route, out var lose) && lose > 0 && _lostAnswers.TryUpdate(route, lose - 1, lose))
        {
            request.HttpContext.Abort();
            return Results.Empty;
        }

        return Results.Json(answered);
    }

    /// <summary>Null when the call fits the thread's limits (and is counted); else the Retry-After.</summary>
    private TimeSpan? OverThreadLimit(string route, string? conversationId, JsonObject? body)
    {
        if (ThreadPaceClock is not { } clock || route is not ("create" or "send" or "reply" or "update" or "delete"))
        {
            return null;
        }

        var thread = TeamsProtocol.ThreadKey((route == "create" ? (string?)body?["channelData"]?["channel"]?["id"] : conversationId) ?? "");
        var now = clock();
        lock (_threadCalls)
        {
            if (!_threadCalls.TryGetValue(thread, out var calls))
            {
                _threadCalls[thread] = calls = [];
            }

            calls.RemoveAll(at => at <= now - TimeSpan.FromHours(1));
            var wait = TimeSpan.Zero;
            foreach (var (window, max) in ThreadLimits)
            {
                var inWindow = calls.Where(at => at > now - window).Order().ToList();
                if (inWindow.Count >= max)
                {
                    var free = inWindow[inWindow.Count - max] + window - now;
                    wait = free > wait ? free : wait;
                }
            }

            if (wait > TimeSpan.Zero)
            {
                return TimeSpan.FromSeconds(Math.Ceiling(wait.TotalSeconds));
            }

            calls.Add(now);
            return null;
        }
    }

    private string NextId() => Interlocked.Increment(ref _activityIds).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static JsonObject Jwk(RsaSecurityKey key, params string[] endorsements)
    {
        var parameters = key.Rsa.ExportParameters(false);
        return new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = key.KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
            ["endorsements"] = new JsonArray([.. endorsements.Select(e => (JsonNode)e)]),
        };
    }

    private static RsaSecurityKey NewKey(string id) => new(RSA.Create(2048)) { KeyId = id };

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        // Kestrel on Linux needs the key in a loadable form: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
