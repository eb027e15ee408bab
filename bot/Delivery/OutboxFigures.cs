using System.Diagnostics.Metrics;
using ChatOpsReply.Posts;
using ChatOpsReply.Telemetry;

namespace ChatOpsReply.Delivery;

/// <summary>The outbox's depth, read from the shared store at each collection.</summary>
public sealed class OutboxFigures : IScrapedFigures
{
    private readonly IOutbox _outbox;
    private OutboxDepth? _depth;

    public OutboxFigures(IOutbox outbox, IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _outbox = outbox;
        var meter = meters.Create(ServiceMeter.Name);
        meter.CreateObservableGauge("chatopsreply.outbox_pending", () => Reading(d => d.Pending), description: "Outbox messages waiting for delivery.");
        meter.CreateObservableGauge("chatopsreply.outbox_failed", () => Reading(d => d.Failed), description: "Outbox messages given up on.");
    }

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            _depth = await _outbox.DepthAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException)
        {
            // Keep the last reading; the posts' figures report the store as down.
        }
    }

    private IEnumerable<Measurement<long>> Reading(Func<OutboxDepth, long> value) =>
        _depth is { } depth ? [new Measurement<long>(value(depth))] : [];
}
