namespace ChatOpsReply.Crises;

public static class CrisesServiceCollectionExtensions
{
    public static IServiceCollection AddCrises(this IServiceCollection services)
    {
        services.AddOptions<SpikeOptions>()
            .BindConfiguration(SpikeOptions.Section)
            .Validate(o => o.Factor >= 1, $"{SpikeOptions.Section}:Factor must be at least 1.")
            .Validate(o => o.MinimumPosts >= 1, $"{SpikeOptions.Section}:MinimumPosts must be at least 1.")
            .Validate(o => o.Window >= TimeSpan.FromMinutes(1) && o.Window <= TimeSpan.FromHours(1) && o.Window.Ticks % TimeSpan.TicksPerMinute == 0, $"{SpikeOptions.Section}:Window must be whole minutes, from 00:01:00 to 01:00:00.")
            .Validate(o => o.BaselineWeeks is >= 1 and <= 12, $"{SpikeOptions.Section}:BaselineWeeks must be between 1 and 12.")
            .Validate(o => o.BaselineFloorPerHour > 0, $"{SpikeOptions.Section}:BaselineFloorPerHour must be positive.")
            .Validate(o => o.Silence > TimeSpan.Zero, $"{SpikeOptions.Section}:Silence must be positive.")
            .Validate(o => o.TermsPerPost is >= 1 and <= 12, $"{SpikeOptions.Section}:TermsPerPost must be between 1 and 12.")
            .ValidateOnStart();
        services.AddSingleton<SpikeWatch>();
        services.AddHostedService<SpikeCounting>();
        services.AddSingleton<SpikeAlerts>();
        services.AddSingleton<SpikeAlertViews>();
        services.AddOptions<DeclaredCrisisOptions>()
            .BindConfiguration(DeclaredCrisisOptions.Section)
            .Validate(o => o.RefreshInterval >= TimeSpan.FromMilliseconds(100) && o.RefreshInterval <= TimeSpan.FromMinutes(5), $"{DeclaredCrisisOptions.Section}:RefreshInterval must be from 00:00:00.1 to 00:05:00.")
            .ValidateOnStart();
        services.AddSingleton<DeclaredCrises>();
        services.AddSingleton<CrisisDeclarations>();
        services.AddSingleton<HoldingReports>();
        services.AddSingleton<CrisisArrivals>();
        services.AddHostedService(s => s.GetRequiredService<CrisisArrivals>());
        return services;
    }
}
