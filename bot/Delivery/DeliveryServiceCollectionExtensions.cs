using ChatOpsReply.Posts;
using ChatOpsReply.Telemetry;

namespace ChatOpsReply.Delivery;

public static class DeliveryServiceCollectionExtensions
{
    public static IServiceCollection AddDelivery(this IServiceCollection services)
    {
        services.AddOptions<DeliveryOptions>()
            .BindConfiguration(DeliveryOptions.Section)
            .Validate(o => o.MaxAttempts >= 1 && o.BatchSize >= 1, $"{DeliveryOptions.Section}:MaxAttempts and BatchSize must be at least 1.")
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.Lease > TimeSpan.Zero && o.FirstRetryDelay > TimeSpan.Zero && o.MaxRetryDelay >= o.FirstRetryDelay, $"{DeliveryOptions.Section}: intervals must be positive and MaxRetryDelay at least FirstRetryDelay.")
            .ValidateOnStart();
        services.AddSingleton<ISurfaceNames, ChatSurfaceNames>();
        services.AddMetrics();
        services.AddSingleton<DeliveryMetrics>();
        services.AddSingleton<OutboxFigures>();
        services.AddSingleton<IScrapedFigures>(sp => sp.GetRequiredService<OutboxFigures>());
        services.AddSingleton<ReplyOutcomes>();
        services.AddSingleton<DigestLines>();
        services.AddSingleton<BurstDigests>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        return services;
    }
}
