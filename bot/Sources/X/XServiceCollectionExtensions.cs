using Microsoft.Extensions.Options;

namespace ChatOpsReply.Sources.X;

public static class XServiceCollectionExtensions
{
    /// <summary>X, when Sources:X:ConsumerKey, ConsumerSecret, AccessToken and AccessTokenSecret are set; only the options otherwise.</summary>
    public static IServiceCollection AddX(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<XOptions>().BindConfiguration(XOptions.Section)
            .Validate(o => o.IsEnabled || new[] { o.ConsumerKey, o.ConsumerSecret, o.AccessToken, o.AccessTokenSecret }.All(string.IsNullOrWhiteSpace), $"{XOptions.Section}:ConsumerKey, ConsumerSecret, AccessToken and AccessTokenSecret are needed together.")
            .Validate(o => !o.IsEnabled || (o.AccountId is { Length: > 0 } id && id.All(char.IsAsciiDigit)), $"{XOptions.Section}:AccountId must be our account's numeric id, so its own posts are not taken for customers'.")
            .Validate(o => !o.IsEnabled || o.ApiBaseUrl is { IsAbsoluteUri: true } && o.ApiBaseUrl.AbsoluteUri.EndsWith('/'), $"{XOptions.Section}:ApiBaseUrl must be an absolute URL ending with '/'.")
            .Validate(o => Enum.IsDefined(o.ReplyRule) && o.RequestTimeout > TimeSpan.Zero, $"{XOptions.Section}:ReplyRule must be MentionOnly or Any, and RequestTimeout positive.")
            .ValidateOnStart();
        if (!configuration.GetSection(XOptions.Section).HasAll(nameof(XOptions.ConsumerKey), nameof(XOptions.ConsumerSecret), nameof(XOptions.AccessToken), nameof(XOptions.AccessTokenSecret)))
        {
            return services;
        }

        services.AddChannel<XReplySender, XRules>(XReplySender.HttpClientName, sp =>
        {
            var options = sp.GetRequiredService<IOptions<XOptions>>().Value;
            return (options.ApiBaseUrl, options.RequestTimeout);
        });
        return services;
    }
}
