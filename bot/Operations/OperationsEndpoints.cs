using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Prometheus;

namespace ChatOpsReply.Operations;

public static class OperationsEndpoints
{
    public static IEndpointRouteBuilder MapOperations(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/healthz", () => Results.Text("ok"));
        // Readiness is every registered health check (the store registers one), so operations knows no store.
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            ResultStatusCodes = { [HealthStatus.Healthy] = StatusCodes.Status200OK, [HealthStatus.Degraded] = StatusCodes.Status200OK, [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable },
            ResponseWriter = WriteReadinessAsync,
        }).WithMetadata(new OperationsAccess.ScrapeEndpoint());
        app.MapMetrics("/metrics", app.ServiceProvider.GetRequiredService<PrometheusExport>().Registry).WithMetadata(new OperationsAccess.ScrapeEndpoint());
        // OpenAPI: /openapi/v1.json describes POST /api/posts and /api/answers.
        app.MapOpenApi();
        return app;
    }

    private static Task WriteReadinessAsync(HttpContext http, HealthReport report) =>
        report.Status == HealthStatus.Unhealthy
            ? Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The store is not reachable", detail: string.Join(" ", report.Entries.Where(e => e.Value.Status == HealthStatus.Unhealthy).Select(e => e.Value.Description))).ExecuteAsync(http)
            : Results.Text("ready").ExecuteAsync(http);
}
