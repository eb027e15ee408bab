using ChatOpsReply.Sources.Meta;
using ChatOpsReply.Sources.Twilio;
using ChatOpsReply.Sources.X;

namespace ChatOpsReply.Sources;

public static class SourcesServiceCollectionExtensions
{
    public static IServiceCollection AddSources(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SourcesOptions>().BindConfiguration(SourcesOptions.Section);
        services.AddSingleton<GenericWebhookSecret>();
        services.AddSingleton<PostIntake>();
        // Each customer platform is on when its secrets are set; the recording sender takes the rest.
        services.AddTwilio(configuration);
        services.AddMeta(configuration);
        services.AddX(configuration);
        return services;
    }
}
