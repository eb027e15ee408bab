using Microsoft.Extensions.Options;

namespace ChatOpsReply.Accountability;

public static class AccountabilityServiceCollectionExtensions
{
    public static IServiceCollection AddAccountability(this IServiceCollection services)
    {
        services.AddOptions<AccountabilityOptions>()
            .BindConfiguration(AccountabilityOptions.Section)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AccountabilityOptions>, AccountabilityOptionsValidator>();
        services.AddSingleton<AccountabilityPolicy>();
        services.AddOptions<SlaOptions>()
            .BindConfiguration(SlaOptions.Section)
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.Lease > TimeSpan.Zero && o.BatchSize >= 1, $"{SlaOptions.Section}: PollInterval and Lease must be positive, BatchSize at least 1.")
            .ValidateOnStart();
        return services;
    }
}
