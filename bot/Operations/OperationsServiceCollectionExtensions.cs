namespace ChatOpsReply.Operations;

public static class OperationsServiceCollectionExtensions
{
    public static IServiceCollection AddOperations(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddHealthChecks();
        services.AddSingleton<PrometheusExport>();
        return services;
    }
}
