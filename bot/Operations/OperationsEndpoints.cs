using System.Globalization;
using System.Text;
using ChatOpsReply.Posts;
using ChatOpsReply.Storage;

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
        app.MapGet("/metrics", MetricsAsync);
        return app;
    }

    /// <summary>Prometheus text exposition: posts by state and outbox depth, read from the store, so every instance reports the same.</summary>
    private static async Task<IResult> MetricsAsync(IPostStore posts, IOutbox outbox, CancellationToken cancellationToken)
    {
        try
        {
            var counts = await posts.CountByStateAsync(cancellationToken).ConfigureAwait(false);
            var depth = await outbox.DepthAsync(cancellationToken).ConfigureAwait(false);
            var text = new StringBuilder();
            text.AppendLine("# HELP chatopsreply_posts Posts by lifecycle state.");
            text.AppendLine("# TYPE chatopsreply_posts gauge");
            foreach (var (state, count) in counts.OrderBy(c => c.Key))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"chatopsreply_posts{{state=\"{state}\"}} {count}");
            }

            text.AppendLine("# HELP chatopsreply_outbox_pending Outbox messages waiting for delivery.");
            text.AppendLine("# TYPE chatopsreply_outbox_pending gauge");
            text.AppendLine(CultureInfo.InvariantCulture, $"chatopsreply_outbox_pending {depth.Pending}");
            text.AppendLine("# HELP chatopsreply_outbox_failed Outbox messages given up on.");
            text.AppendLine("# TYPE chatopsreply_outbox_failed gauge");
            text.AppendLine(CultureInfo.InvariantCulture, $"chatopsreply_outbox_failed {depth.Failed}");
            return Results.Text(text.ToString(), "text/plain; version=0.0.4; charset=utf-8");
        }
        catch (StoreUnavailableException)
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The store is not reachable");
        }
    }
}
