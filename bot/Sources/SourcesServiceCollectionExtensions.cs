using ChatOpsReply.Delivery;

namespace ChatOpsReply.Sources;

public static class SourcesServiceCollectionExtensions
{
    public static IServiceCollection AddSources(this IServiceCollection services)
    {
        services.AddOptions<SourcesOptions>().BindConfiguration(SourcesOptions.Section);
        services.AddSingleton<GenericWebhookSecret>();
        services.AddSingleton<PostIntake>();
        // The fallback for sources no sender talks to; a channel's own sender is registered after it.
        services.AddSingleton<IReplySender, RecordingReplySender>();
        return services;
    }
}
