namespace ChatOpsReply.Operations;

public static class OperationsServiceCollectionExtensions
{
    public static IServiceCollection AddOperations(this IServiceCollection services)
    {
        services.AddSingleton<ServiceMetrics>();
        return services;
    }
}
