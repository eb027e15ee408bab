using ChatOpsReply.Cards;
using ChatOpsReply.Delivery;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Slack;

public static class SlackServiceCollectionExtensions
{
    /// <summary>Slack, when Slack:BotToken and Slack:SigningSecret are both set; nothing otherwise.</summary>
    public static IServiceCollection AddSlack(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SlackOptions.Section);
        var token = section[nameof(SlackOptions.BotToken)];
        var secret = section[nameof(SlackOptions.SigningSecret)];
        services.AddOptions<SlackOptions>().BindConfiguration(SlackOptions.Section)
            .Validate(o => string.IsNullOrWhiteSpace(o.BotToken) == string.IsNullOrWhiteSpace(o.SigningSecret), $"{SlackOptions.Section}:BotToken and {SlackOptions.Section}:SigningSecret are needed together.")
            .Validate(o => !o.IsEnabled || o.ApiBaseUrl is { IsAbsoluteUri: true } && o.ApiBaseUrl.AbsoluteUri.EndsWith('/'), $"{SlackOptions.Section}:ApiBaseUrl must be an absolute URL ending with '/'.")
            .Validate(o => !o.IsEnabled || (o.SlashCommand.StartsWith('/') && o.SlashCommand.Length > 1), $"{SlackOptions.Section}:SlashCommand must start with '/', like \"/replies\".")
            .Validate(o => o.ChannelPostInterval > TimeSpan.Zero && o.ChannelBurst >= 1 && o.UserGroupRefresh > TimeSpan.Zero && o.RequestTimeout > TimeSpan.Zero, $"{SlackOptions.Section}: ChannelPostInterval, UserGroupRefresh and RequestTimeout must be positive, ChannelBurst at least 1.")
            .Validate(o => o.DigestAfter >= TimeSpan.Zero && o.DigestUpdateInterval > TimeSpan.Zero, $"{SlackOptions.Section}:DigestAfter must not be negative and {SlackOptions.Section}:DigestUpdateInterval must be positive.")
            .Validate(o => o.DigestSize is >= 1 and <= BlockKitRenderer.DigestLinesMax, $"{SlackOptions.Section}:DigestSize must be between 1 and {BlockKitRenderer.DigestLinesMax} (three Claim menus of 100 posts).")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SlackOptions>, SlackChannelsValidator>();
        if (string.IsNullOrWhiteSpace(token) || string.IsNullOrWhiteSpace(secret))
        {
            return services;
        }

        services.AddSingleton<SlackRateLimits>();
        services.AddHttpClient<SlackWebApi>(SlackWebApi.HttpClientName, (sp, http) =>
        {
            var options = sp.GetRequiredService<IOptions<SlackOptions>>().Value;
            http.BaseAddress = options.ApiBaseUrl;
            http.Timeout = options.RequestTimeout;
        })
            // Singletons hold this client: rotate connections in the handler instead of recycling handlers.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.AddSingleton<SlackPeople>();
        services.AddHostedService(sp => sp.GetRequiredService<SlackPeople>());
        services.AddSingleton<SlackFollowUps>();
        services.AddHostedService(sp => sp.GetRequiredService<SlackFollowUps>());
        services.AddSingleton<SlackAnswers>();
        services.AddSingleton<SlackEphemerals>();
        services.AddSingleton<SlackActionModal>();
        services.AddSingleton<SlackBlockActions>();
        services.AddSingleton<SlackModalRedraws>();
        services.AddSingleton<SlackViewSubmissions>();
        services.AddSingleton<SlackCrisisAnswers>();
        services.AddSingleton<SlackHoldingStatements>();
        services.AddSingleton<SlackInteractions>();
        services.AddSingleton<SlackCommands>();
        services.AddSingleton<SlackEvents>();
        services.AddSingleton<SlackAppHome>();
        services.AddSingleton<SlackSocketMode>();
        services.AddHostedService(sp => sp.GetRequiredService<SlackSocketMode>());
        services.AddSingleton<SlackSurface>();
        services.AddSingleton<IChatSurface>(sp => sp.GetRequiredService<SlackSurface>());
        services.AddSingleton<IDigestSurface, SlackDigests>();
        return services;
    }
}
