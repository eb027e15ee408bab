using System.Diagnostics.Metrics;
using ChatOpsReply.Posts;
using ChatOpsReply.Telemetry;

namespace ChatOpsReply.Delivery;

/// <summary>How each surface and source answered the outbox: time taken and result, per target.</summary>
public sealed class DeliveryMetrics
{
    private readonly Histogram<double> _calls;
    private readonly Counter<long> _results;

    public DeliveryMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(ServiceMeter.Name);
        // 5 ms … 10 s, doubling.
        var buckets = new InstrumentAdvice<double> { HistogramBucketBoundaries = [.. Enumerable.Range(0, 12).Select(i => 0.005 * Math.Pow(2, i))] };
        _calls = meter.CreateHistogram("chatopsreply.surface_call", "s", "Time a surface or source took to answer an outbox message.", advice: buckets);
        _results = meter.CreateCounter<long>("chatopsreply.surface_results", description: "Outbox deliveries by target and result (delivered, retry, deferred, failed).");
    }

    public void Delivered(OutboxMessage message, SurfaceDeliveryStatus status, TimeSpan took)
    {
        ArgumentNullException.ThrowIfNull(message);
        _calls.Record(took.TotalSeconds, new("target", message.Target), new("kind", message.Kind.ToString()));
        _results.Add(1, new("target", message.Target), new("result", status.ToString().ToLowerInvariant()));
    }
}
