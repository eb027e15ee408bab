using ChatOpsReply.Posts;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatOpsReply.Storage;

/// <summary>Readiness (<c>/readyz</c>): the configured store answers a trivial request.</summary>
public sealed class StoreHealthCheck(IStoreHealth store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await store.IsReadyAsync(cancellationToken).ConfigureAwait(false)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The store does not answer.");
}
