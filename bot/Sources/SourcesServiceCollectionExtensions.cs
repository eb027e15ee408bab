using ChatOpsReply.Delivery;

namespace ChatOpsReply.Sources;

public static class SourcesServiceCollectionExtensions
{
    public static IServiceCollection AddSources(this IServiceCollection services)
    {
        services.AddOptions<SourcesOptions>()
            .BindConfiguration(SourcesOptions.Section)
            .Validate(o => o.Generic.Secret is null || o.Generic.Secret.Trim().Length > 0, $"{SourcesOptions.Section}:Generic:Secret is blank: set a secret, or remove the setting to have one generated for local senders.")
            .ValidateOnStart();
        services.AddSingleton<GenericWebhookSecret>();
        services.AddSingleton<PostIntake>();
        // The fallback for sources no sender talks to; a channel's own sender is registered after it.
        services.AddSingleton<IReplySender, RecordingReplySender>();
        return services;
    }
}
