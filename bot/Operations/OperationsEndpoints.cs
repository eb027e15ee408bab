using ChatOpsReply.Posts;
using Prometheus;

namespace ChatOpsReply.Operations;

public static class OperationsEndpoints
{
    public static IEndpointRouteBuilder MapOperations(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/readyz", async (IStoreHealth store, CancellationToken cancellationToken) =>
            await store.IsReadyAsync(cancellationToken).ConfigureAwait(false)
                ? Results.Text("ready")
                : Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The store is not reachable"));
        var metrics = app.ServiceProvider.GetRequiredService<ServiceMetrics>();
        app.MapMetrics("/metrics", metrics.Registry);
        return app;
    }
}
