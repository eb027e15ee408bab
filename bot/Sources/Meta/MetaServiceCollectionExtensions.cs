using Microsoft.Extensions.Options;

namespace ChatOpsReply.Sources.Meta;

public static class MetaServiceCollectionExtensions
{
    /// <summary>Facebook and Instagram, when Sources:Meta:AppSecret, VerifyToken and PageAccessToken are set; only the options otherwise.</summary>
    public static IServiceCollection AddMeta(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<MetaOptions>().BindConfiguration(MetaOptions.Section)
            .Validate(o => o.IsEnabled || (string.IsNullOrWhiteSpace(o.AppSecret) && string.IsNullOrWhiteSpace(o.VerifyToken) && string.IsNullOrWhiteSpace(o.PageAccessToken)), $"{MetaOptions.Section}:AppSecret, {MetaOptions.Section}:VerifyToken and {MetaOptions.Section}:PageAccessToken are needed together.")
            .Validate(o => !o.IsEnabled || o.GraphBaseUrl is { IsAbsoluteUri: true } && o.GraphBaseUrl.AbsoluteUri.EndsWith('/'), $"{MetaOptions.Section}:GraphBaseUrl must be an absolute URL ending with '/'.")
            .Validate(o => !o.IsEnabled || (o.GraphVersion.StartsWith('v') && o.GraphVersion.Length > 1 && !o.GraphVersion.Contains('/', StringComparison.Ordinal)), $"{MetaOptions.Section}:GraphVersion must look like \"v23.0\".")
            .Validate(o => o.RequestTimeout > TimeSpan.Zero, $"{MetaOptions.Section}:RequestTimeout must be positive.")
            .ValidateOnStart();
        if (!configuration.GetSection(MetaOptions.Section).HasAll(nameof(MetaOptions.AppSecret), nameof(MetaOptions.VerifyToken), nameof(MetaOptions.PageAccessToken)))
        {
            return services;
        }

        services.AddChannel<MetaReplySender, MetaRules>(MetaReplySender.HttpClientName, sp =>
        {
            var options = sp.GetRequiredService<IOptions<MetaOptions>>().Value;
            return (options.GraphBaseUrl, options.RequestTimeout);
        });
        return services;
    }
}
