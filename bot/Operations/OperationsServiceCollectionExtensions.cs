namespace ChatOpsReply.Operations;

public static class OperationsServiceCollectionExtensions
{
    public static IServiceCollection AddOperations(this IServiceCollection services)
    {
        services.AddOptions<OperationsOptions>().BindConfiguration(OperationsOptions.Section)
            .Validate(o => o.ScrapeToken is null || o.ScrapeToken.Trim().Length >= 16, $"{OperationsOptions.Section}:ScrapeToken must be at least 16 characters (or unset: loopback only).")
            .ValidateOnStart();
        services.AddMetrics();
        services.AddHealthChecks();
        // The document describes the two APIs other systems call; webhooks and the console are not APIs to build on.
        services.AddOpenApi(options => options.ShouldInclude = endpoint =>
            endpoint.RelativePath is { } path && (path.StartsWith("api/posts", StringComparison.Ordinal) || path.StartsWith("api/answers", StringComparison.Ordinal)));
        services.AddSingleton<PrometheusExport>();
        return services;
    }
}
