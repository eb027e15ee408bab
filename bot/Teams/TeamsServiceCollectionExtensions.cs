using ChatOpsReply.Cards;
using ChatOpsReply.Delivery;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatOpsReply.Teams;

public static class TeamsServiceCollectionExtensions
{
    /// <summary>The HttpClient MSAL gets its tokens with.</summary>
    public const string TokenClient = "Teams.Token";

    /// <summary>The HttpClient the Bot Framework's OpenID metadata and keys are fetched with.</summary>
    public const string MetadataClient = "Teams.Metadata";

    /// <summary>Registers Teams when Teams:AppId, Teams:AppPassword and Teams:TenantId are set.</summary>
    public static IServiceCollection AddTeams(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TeamsOptions>()
            .BindConfiguration(TeamsOptions.Section)
            .Validate(o => o.IsEnabled || (string.IsNullOrWhiteSpace(o.AppId) && string.IsNullOrWhiteSpace(o.AppPassword) && string.IsNullOrWhiteSpace(o.TenantId)), $"{TeamsOptions.Section}:AppId, {TeamsOptions.Section}:AppPassword and {TeamsOptions.Section}:TenantId must be set together (Teams is on when all three are).")
            .Validate(o => !o.IsEnabled || Guid.TryParse(o.AppId, out _), $"{TeamsOptions.Section}:AppId must be the Azure bot's Microsoft App ID (a GUID).")
            .Validate(o => o.OpenIdMetadataUrl.IsAbsoluteUri && (o.OpenIdMetadataUrl.Scheme == Uri.UriSchemeHttps || o.OpenIdMetadataUrl.IsLoopback), $"{TeamsOptions.Section}:OpenIdMetadataUrl must be an https URL.")
            .Validate(o => o.TokenEndpoint is null || (o.TokenEndpoint.IsAbsoluteUri && o.TokenEndpoint.Scheme == Uri.UriSchemeHttps && o.TokenEndpoint.AbsolutePath.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal) && o.TokenEndpoint.AbsolutePath.Count(c => c == '/') == 4), $"{TeamsOptions.Section}:TokenEndpoint must look like https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token.")
            .Validate(o => o.ServiceUrl is null || (o.ServiceUrl.IsAbsoluteUri && (o.ServiceUrl.Scheme == Uri.UriSchemeHttps || o.ServiceUrl.IsLoopback)), $"{TeamsOptions.Section}:ServiceUrl must be an https URL such as https://smba.trafficmanager.net/emea/.")
            .Validate(o => o.DigestAfter >= TimeSpan.Zero && o.DigestUpdateInterval > TimeSpan.Zero, $"{TeamsOptions.Section}:DigestAfter must not be negative and {TeamsOptions.Section}:DigestUpdateInterval must be positive.")
            // Bot Framework: an activity not answered within 10 to 15 seconds is a 504, learn.microsoft.com/azure/bot-service/bot-builder-howto-long-operations-guidance
            .Validate(o => o.InvokeAnswerWithin >= TimeSpan.Zero && o.InvokeAnswerWithin <= TimeSpan.FromSeconds(10), $"{TeamsOptions.Section}:InvokeAnswerWithin must be between 00:00:00 and 00:00:10 (the Bot Framework waits 10 to 15 seconds for an answer).")
            .Validate(o => o.DigestSize is >= 1 and <= AdaptiveCardRenderer.DigestLinesMax, $"{TeamsOptions.Section}:DigestSize must be between 1 and {AdaptiveCardRenderer.DigestLinesMax} (a line each with its Claim button, within a card's 28 KB).")
            .ValidateOnStart();
        if (!configuration.GetSection(TeamsOptions.Section).Get<TeamsOptions>()?.IsEnabled ?? true)
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(TokenClient);
        services.AddHttpClient(MetadataClient, c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddHttpClient<BotConnectorClient>(c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<BotFrameworkAuthentication>();
        services.AddSingleton<BotFrameworkTokenSource>();
        services.AddSingleton<TeamsThreadThrottle>();
        services.AddSingleton<TeamsPeople>();
        services.AddSingleton<TeamsCards>();
        services.AddSingleton<TeamsCardActions>();
        services.AddSingleton<TeamsSpikeAnswers>();
        services.AddSingleton<TeamsGroupChats>();
        services.AddSingleton<TeamsCommands>();
        services.AddSingleton<TeamsNotes>();
        services.AddSingleton<TeamsAnswerSearch>();
        services.AddSingleton<TeamsInstallations>();
        services.AddSingleton<TeamsCardCopies>();
        services.AddSingleton<TeamsActivityHandler>();
        services.AddSingleton<TeamsSurface>();
        services.AddSingleton<IChatSurface>(sp => sp.GetRequiredService<TeamsSurface>());
        services.AddSingleton<TeamsDigests>();
        services.AddSingleton<IDigestSurface>(sp => sp.GetRequiredService<TeamsDigests>());
        return services;
    }
}
