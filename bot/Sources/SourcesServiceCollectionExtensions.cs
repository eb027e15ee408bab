namespace ChatOpsReply.Sources;

public static class SourcesServiceCollectionExtensions
{
    public static IServiceCollection AddSources(this IServiceCollection services)
    {
        services.AddOptions<SourcesOptions>().BindConfiguration(SourcesOptions.Section);
        services.AddSingleton<GenericWebhookSecret>();
        services.AddSingleton<PostIntake>();
        return services;
    }
}
