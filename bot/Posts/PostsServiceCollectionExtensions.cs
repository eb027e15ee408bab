using ChatOpsReply.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatOpsReply.Posts;

public static class PostsServiceCollectionExtensions
{
    public static IServiceCollection AddPosts(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ConsoleLinkOptions>().BindConfiguration(ConsoleLinkOptions.Section);
        services.AddSingleton<ConsoleLinks>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<ReplyCheck>();
        services.AddSingleton<PostWorkflow>();
        services.AddSingleton<PostTransitions>();
        services.AddSingleton<WorkflowFactsLoader>();
        services.AddSingleton<LiveReplyCheck>();
        services.AddSingleton<PostCommandHandler>();
        services.AddSingleton<PostClicks>();
        services.AddSingleton<ActionInputs>();
        services.AddSingleton<PostCardBuilder>();
        services.AddSingleton<SlaTimerService>();
        services.AddHostedService(sp => sp.GetRequiredService<SlaTimerService>());
        services.AddMetrics();
        services.AddSingleton<PostMetrics>();
        services.AddSingleton<PostFigures>();
        services.AddSingleton<IScrapedFigures>(sp => sp.GetRequiredService<PostFigures>());
        return services;
    }
}
