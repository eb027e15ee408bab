using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

namespace ChatOpsReply.Teams;

/// <summary>
/// The token the bot presents to the Bot Connector: client credentials from the Microsoft
/// identity platform through MSAL, single-tenant, cached by MSAL until shortly before it expires.
/// </summary>
public sealed class BotFrameworkTokenSource
{
    // Bot Framework: scope of the connector's tokens, bot-docs rest-api/bot-framework-rest-connector-authentication#bot-to-connector.
    public const string Scope = "https://api.botframework.com/.default";

    private readonly Lazy<IConfidentialClientApplication> _application;

    public BotFrameworkTokenSource(IOptions<TeamsOptions> options, IHttpClientFactory httpClients)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClients);
        var settings = options.Value;
        _application = new Lazy<IConfidentialClientApplication>(() => ConfidentialClientApplicationBuilder
            .Create(settings.AppId)
            .WithClientSecret(settings.AppPassword)
            // Single-tenant: the tenant's own authority, taken from the token endpoint ("https://host/{tenant}").
            .WithAuthority(Authority(settings.EffectiveTokenEndpoint), validateAuthority: false)
            // The authority is configured, not discovered: no call to the instance discovery endpoint.
            .WithInstanceDiscovery(false)
            // MSAL's own extension point for its HTTP calls: our pooled client (tests trust their local HTTPS server through it).
            .WithHttpClientFactory(new MsalHttpClients(httpClients))
            .Build());
    }

    /// <summary>A bearer token for the connector; MSAL answers from its cache while the token is fresh.</summary>
    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        var result = await _application.Value.AcquireTokenForClient([Scope]).ExecuteAsync(cancellationToken).ConfigureAwait(false);
        return result.AccessToken;
    }

    /// <summary>"https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token" → "https://login.microsoftonline.com/{tenant}".</summary>
    public static string Authority(Uri tokenEndpoint)
    {
        ArgumentNullException.ThrowIfNull(tokenEndpoint);
        var segments = tokenEndpoint.AbsolutePath.Trim('/').Split('/');
        return $"{tokenEndpoint.GetLeftPart(UriPartial.Authority)}/{segments[0]}";
    }

    private sealed class MsalHttpClients(IHttpClientFactory httpClients) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => httpClients.CreateClient(TeamsServiceCollectionExtensions.TokenClient);
    }
}
