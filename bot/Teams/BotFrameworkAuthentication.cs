using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace ChatOpsReply.Teams;

/// <summary>
/// Checks that a request to <c>/api/messages</c> comes from the Bot Framework for this bot, as
/// bot-docs rest-api/bot-framework-rest-connector-authentication specifies: first the bearer
/// token alone (before the body is read), then the two activity fields the token vouches for.
/// Signing keys come from the OpenID metadata, cached and refreshed by a configuration manager.
/// </summary>
public sealed partial class BotFrameworkAuthentication : IDisposable
{
    // Bot Framework: tokens from the channel are issued by https://api.botframework.com, bot-framework-rest-connector-authentication#step-4.
    public const string Issuer = "https://api.botframework.com";

    // Bot Framework: the claim naming the connector the activity came through, bot-framework-rest-connector-authentication#step-4.
    public const string ServiceUrlClaim = "serviceurl";

    // A key the Bot Framework starts signing with is looked for at most this often.
    private static readonly TimeSpan RefetchInterval = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan KeysKeptFor = TimeSpan.FromHours(12);

    private readonly ConfigurationManager<OpenIdConnectConfiguration> _metadata;
    private readonly HttpDocumentRetriever _documents;
    private readonly string _metadataUrl;
    private readonly SemaphoreSlim _refetch = new(1, 1);
    private volatile RefetchedKeys? _refetched;
    private readonly JsonWebTokenHandler _handler = new();
    private readonly string _appId;
    private readonly TimeProvider _time;
    private readonly ILogger<BotFrameworkAuthentication> _logger;

    public BotFrameworkAuthentication(IOptions<TeamsOptions> options, IHttpClientFactory httpClients, TimeProvider time, ILogger<BotFrameworkAuthentication> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClients);
        var url = options.Value.OpenIdMetadataUrl;
        _appId = options.Value.AppId ?? "";
        _time = time;
        _logger = logger;
        _metadataUrl = url.AbsoluteUri;
        _documents = new HttpDocumentRetriever(httpClients.CreateClient(TeamsServiceCollectionExtensions.MetadataClient))
        {
            // Only a loopback test server may serve keys over plain HTTP.
            RequireHttps = !url.IsLoopback,
        };
        _metadata = new ConfigurationManager<OpenIdConnectConfiguration>(_metadataUrl, new OpenIdConnectConfigurationRetriever(), _documents)
        {
            // Bot Framework: fetch the keys at least once a day, bot-framework-rest-connector-authentication#step-3.
            AutomaticRefreshInterval = KeysKeptFor,
            RefreshInterval = RefetchInterval,
        };
    }

    /// <summary>Checks the Authorization header: scheme, signature, issuer, audience, lifetime, algorithm.</summary>
    public async Task<BotFrameworkCheck> CheckTokenAsync(string? authorization, CancellationToken cancellationToken)
    {
        // Bot Framework: the token comes in the Authorization header with the Bearer scheme, bot-framework-rest-connector-authentication#step-4.
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || authorization.Length <= 7)
        {
            return BotFrameworkCheck.Unauthorized("Send the Bot Framework token as \"Authorization: Bearer <token>\".");
        }

        var token = authorization[7..].Trim();
        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await KeysAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            LogMetadataUnavailable(e.Message);
            return new BotFrameworkCheck(BotFrameworkCheckOutcome.Unavailable, "The Bot Framework signing keys cannot be fetched right now.");
        }

        var result = await ValidateAsync(token, configuration).ConfigureAwait(false);
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException && await RefetchAsync(cancellationToken).ConfigureAwait(false) is { } fresh)
        {
            // Keys roll over: a kid we have not seen may be new, so look once more before refusing.
            configuration = fresh;
            result = await ValidateAsync(token, configuration).ConfigureAwait(false);
        }

        if (!result.IsValid)
        {
            LogRejected(result.Exception);
            return BotFrameworkCheck.Unauthorized(Reason(result.Exception));
        }

        var jwt = (JsonWebToken)result.SecurityToken;
        jwt.TryGetPayloadValue<string>(ServiceUrlClaim, out var serviceUrl);
        return new BotFrameworkCheck(BotFrameworkCheckOutcome.Valid, "", serviceUrl, Endorsements(configuration, jwt.Kid));
    }

    /// <summary>Checks the activity's service URL and channel against what the (valid) token vouches for.</summary>
    public static BotFrameworkCheck CheckActivity(BotFrameworkCheck token, string? serviceUrl, string? channelId)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (!token.IsValid)
        {
            return token;
        }

        // Bot Framework: the serviceurl claim must equal the activity's serviceUrl, bot-framework-rest-connector-authentication#step-4;
        // equal as strings, as botbuilder-dotnet ChannelValidation compares them (string.Equals, ordinal).
        if (token.ServiceUrl is null || serviceUrl is null || !string.Equals(token.ServiceUrl, serviceUrl, StringComparison.Ordinal))
        {
            return BotFrameworkCheck.Unauthorized("The token's serviceurl claim does not match the activity's serviceUrl.");
        }

        // Bot Framework: the signing key's endorsements must include the activity's channelId, bot-framework-rest-connector-authentication#step-3;
        // botbuilder-dotnet JwtTokenExtractor refuses such a token as unauthorized (401), like any other bad token.
        if (string.IsNullOrEmpty(channelId) || token.Endorsements is null || !token.Endorsements.Contains(channelId, StringComparer.Ordinal))
        {
            return BotFrameworkCheck.Unauthorized($"The key that signed this token is not endorsed for channel '{channelId}'.");
        }

        return token;
    }

    /// <summary>The cached keys (the configuration manager refreshes them), or fresher ones fetched for a new kid.</summary>
    private async Task<OpenIdConnectConfiguration> KeysAsync(CancellationToken cancellationToken)
    {
        var managed = await _metadata.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
        return _refetched is { } fresh && _time.GetUtcNow() - fresh.At < KeysKeptFor ? fresh.Configuration : managed;
    }

    /// <summary>
    /// Fetches the metadata and keys now, at most once per <see cref="RefetchInterval"/>. (The manager's own
    /// RequestRefresh refreshes in the background in IdentityModel 8, too late for the request that needs it.)
    /// </summary>
    private async Task<OpenIdConnectConfiguration?> RefetchAsync(CancellationToken cancellationToken)
    {
        await _refetch.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _time.GetUtcNow();
            if (_refetched is { } last && now - last.At < RefetchInterval)
            {
                return null;
            }

            var fresh = await OpenIdConnectConfigurationRetriever.GetAsync(_metadataUrl, _documents, cancellationToken).ConfigureAwait(false);
            _refetched = new RefetchedKeys(fresh, now);
            _metadata.RequestRefresh();
            return fresh;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or HttpRequestException)
        {
            LogMetadataUnavailable(e.Message);
            return null;
        }
        finally
        {
            _refetch.Release();
        }
    }

    private Task<TokenValidationResult> ValidateAsync(string token, OpenIdConnectConfiguration configuration) =>
        _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            // Bot Framework: issuer, audience = our app id, lifetime with 5 minutes of skew, RS256/384/512 signature,
            // bot-framework-rest-connector-authentication#step-4.
            ValidIssuer = Issuer,
            ValidAudience = _appId,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            LifetimeValidator = IsWithinLifetime,
            RequireSignedTokens = true,
            ClockSkew = TimeSpan.FromMinutes(5),
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512],
            IssuerSigningKeys = configuration.SigningKeys,
            TryAllIssuerSigningKeys = false,
        });

    /// <summary>Lifetime on the injected clock, with the 5 minutes of skew the Bot Framework allows.</summary>
    private bool IsWithinLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return expires is { } end && end.ToUniversalTime() > now - parameters.ClockSkew
            && (notBefore is not { } start || start.ToUniversalTime() <= now + parameters.ClockSkew);
    }

    private static List<string> Endorsements(OpenIdConnectConfiguration configuration, string kid)
    {
        var key = configuration.JsonWebKeySet?.Keys.FirstOrDefault(k => string.Equals(k.Kid, kid, StringComparison.Ordinal));
        if (key is null || !key.AdditionalData.TryGetValue("endorsements", out var value))
        {
            return [];
        }

        return value switch
        {
            IEnumerable<string> strings => [.. strings],
            JsonElement { ValueKind: JsonValueKind.Array } array => [.. array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)],
            IEnumerable<object> objects => [.. objects.Select(o => o?.ToString()).OfType<string>()],
            _ => [],
        };
    }

    private static string Reason(Exception? e) => e switch
    {
        SecurityTokenInvalidAudienceException => "The token is not for this bot (audience).",
        SecurityTokenInvalidIssuerException => "The token was not issued by the Bot Framework (issuer).",
        SecurityTokenExpiredException or SecurityTokenInvalidLifetimeException => "The token has expired or is not valid yet.",
        SecurityTokenSignatureKeyNotFoundException => "The token is signed with a key the Bot Framework does not publish.",
        SecurityTokenInvalidAlgorithmException => "The token is signed with an algorithm other than RS256, RS384 or RS512.",
        SecurityTokenInvalidSignatureException => "The token's signature does not verify.",
        _ => "The token is not a valid Bot Framework token.",
    };

    public void Dispose() => _refetch.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bot Framework OpenID metadata unavailable: {Reason}")]
    private partial void LogMetadataUnavailable(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bot Framework token rejected")]
    private partial void LogRejected(Exception? reason);

    private sealed record RefetchedKeys(OpenIdConnectConfiguration Configuration, DateTimeOffset At);
}
