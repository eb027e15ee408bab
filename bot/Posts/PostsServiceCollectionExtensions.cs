using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatOpsReply.Posts;

public static class PostsServiceCollectionExtensions
{
    public static IServiceCollection AddPosts(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PostWorkflow>();
        services.AddSingleton<PostTransitions>();
        services.AddSingleton<WorkflowFactsLoader>();
        services.AddSingleton<PostCommandHandler>();
        services.AddSingleton<PostCardBuilder>();
        return services;
    }
}
