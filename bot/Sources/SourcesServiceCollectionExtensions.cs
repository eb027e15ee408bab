using ChatOpsReply.Delivery;
using ChatOpsReply.Sources.Email;
using ChatOpsReply.Sources.Meta;
using ChatOpsReply.Sources.Twilio;
using ChatOpsReply.Sources.X;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Sources;

public static class SourcesServiceCollectionExtensions
{
    public static IServiceCollection AddSources(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SourcesOptions>().BindConfiguration(SourcesOptions.Section)
            .Validate(o => o.Generic.ReplyUrl is null || (o.Generic.ReplyUrl.IsAbsoluteUri && (o.Generic.ReplyUrl.Scheme == Uri.UriSchemeHttps || o.Generic.ReplyUrl.Scheme == Uri.UriSchemeHttp)), $"{SourcesOptions.Section}:Generic:ReplyUrl must be an absolute http(s) URL.")
            .Validate(o => o.Generic.ReplyTimeout > TimeSpan.Zero, $"{SourcesOptions.Section}:Generic:ReplyTimeout must be positive.")
            .Validate(o => o.Generic.Secret is null || o.Generic.Secret.Trim().Length > 0, $"{SourcesOptions.Section}:Generic:Secret is blank: set a secret, or remove the setting to have one generated for local senders.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Generic.SecretFile), $"{SourcesOptions.Section}:Generic:SecretFile must name a file.")
            .ValidateOnStart();
        services.AddSingleton<GenericWebhookSecret>();
        services.AddSingleton<PostIntake>();
        // The fallback for sources no sender talks to; every sender registered after it is more specific.
        services.AddSingleton<IReplySender, RecordingReplySender>();
        if (!string.IsNullOrWhiteSpace(configuration[$"{SourcesOptions.Section}:Generic:ReplyUrl"]))
        {
            // Registered before the platforms' senders, which are more specific and so are asked first.
            services.AddPlatformClient<GenericReplySender>(GenericReplySender.HttpClientName, sp => (new Uri("http://localhost/"), sp.GetRequiredService<IOptions<SourcesOptions>>().Value.Generic.ReplyTimeout));
            services.AddSingleton<IReplySender>(sp => sp.GetRequiredService<GenericReplySender>());
        }

        // Each customer platform is on when its secrets are set; the recording sender takes the rest.
        services.AddTwilio(configuration);
        services.AddMeta(configuration);
        services.AddX(configuration);
        services.AddEmail(configuration);
        return services;
    }
}
