using Microsoft.Extensions.Options;

namespace ChatOpsReply.Sources.Twilio;

public static class TwilioServiceCollectionExtensions
{
    /// <summary>SMS through Twilio, when Sources:Twilio:AccountSid and AuthToken are set; only the options otherwise.</summary>
    public static IServiceCollection AddTwilio(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TwilioOptions>().BindConfiguration(TwilioOptions.Section)
            .Validate(o => string.IsNullOrWhiteSpace(o.AccountSid) == string.IsNullOrWhiteSpace(o.AuthToken), $"{TwilioOptions.Section}:AccountSid and {TwilioOptions.Section}:AuthToken are needed together.")
            .Validate(o => !o.IsEnabled || o.PublicUrl is { IsAbsoluteUri: true } url && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp), $"{TwilioOptions.Section}:PublicUrl must be the absolute URL Twilio calls this service at (e.g. https://replies.example.com).")
            .Validate(o => !o.IsEnabled || !string.IsNullOrWhiteSpace(o.From) || !string.IsNullOrWhiteSpace(o.MessagingServiceSid), $"{TwilioOptions.Section}:From or {TwilioOptions.Section}:MessagingServiceSid is needed to send texts.")
            .Validate(o => !o.IsEnabled || o.ApiBaseUrl is { IsAbsoluteUri: true } && o.ApiBaseUrl.AbsoluteUri.EndsWith('/'), $"{TwilioOptions.Section}:ApiBaseUrl must be an absolute URL ending with '/'.")
            .Validate(o => o.MaxSegments >= 1 && o.RequestTimeout > TimeSpan.Zero, $"{TwilioOptions.Section}:MaxSegments must be at least 1 and RequestTimeout positive.")
            .Validate(o => string.IsNullOrWhiteSpace(o.DefaultTimeZone) || TimeZoneInfo.TryFindSystemTimeZoneById(o.DefaultTimeZone, out _), $"{TwilioOptions.Section}:DefaultTimeZone must be an IANA time zone, like \"America/New_York\".")
            .ValidateOnStart();
        if (!configuration.GetSection(TwilioOptions.Section).HasAll(nameof(TwilioOptions.AccountSid), nameof(TwilioOptions.AuthToken)))
        {
            return services;
        }

        services.AddChannel<TwilioReplySender, SmsRules>(TwilioReplySender.HttpClientName, sp =>
        {
            var options = sp.GetRequiredService<IOptions<TwilioOptions>>().Value;
            return (options.ApiBaseUrl, options.RequestTimeout);
        });
        services.AddSingleton<TwilioDeliveryStatus>();
        return services;
    }
}
