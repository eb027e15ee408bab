using ChatOpsReply.Accountability;
using ChatOpsReply.Delivery;
using ChatOpsReply.Posts;
using Prometheus;

namespace ChatOpsReply.Operations;

/// <summary>
/// What /metrics reports. Counters and histograms are this instance's (Prometheus sums
/// instances); posts by state and outbox depth are read from the shared store at each scrape.
/// One registry per service instance, so hosts in one process do not mix their figures.
/// </summary>
public sealed class ServiceMetrics
{
    // Seconds: 1 min … 1 day, around the usual "answer within the hour" promise.
    private static readonly double[] ResponseBuckets = [60, 300, 900, 1800, 3600, 7200, 14400, 28800, 86400];

    private readonly Counter _transitions;
    private readonly Counter _slaBreaches;
    private readonly Histogram _timeToClaim;
    private readonly Histogram _timeToFirstReply;
    private readonly Histogram _surfaceCalls;
    private readonly Counter _surfaceResults;

    public ServiceMetrics(IPostStore posts, IOutbox outbox)
    {
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        _transitions = factory.CreateCounter("chatopsreply_transitions_total", "Applied workflow transitions.", "trigger");
        _slaBreaches = factory.CreateCounter("chatopsreply_sla_breaches_total", "SLA timers that fired on a post nobody acted on in time.", "queue");
        _timeToClaim = factory.CreateHistogram("chatopsreply_time_to_claim_seconds", "From a post's arrival to its first claim.", new HistogramConfiguration { LabelNames = ["queue"], Buckets = ResponseBuckets });
        _timeToFirstReply = factory.CreateHistogram("chatopsreply_time_to_first_reply_seconds", "From a post's arrival to its first reply sent.", new HistogramConfiguration { LabelNames = ["queue"], Buckets = ResponseBuckets });
        _surfaceCalls = factory.CreateHistogram("chatopsreply_surface_call_seconds", "Time a surface or source took to answer an outbox message.", new HistogramConfiguration { LabelNames = ["target", "kind"], Buckets = Histogram.ExponentialBuckets(0.005, 2, 12) });
        _surfaceResults = factory.CreateCounter("chatopsreply_surface_results_total", "Outbox deliveries by target and result (delivered, retry, failed).", "target", "result");
        var postsByState = factory.CreateGauge("chatopsreply_posts", "Posts by lifecycle state.", "state");
        var pending = factory.CreateGauge("chatopsreply_outbox_pending", "Outbox messages waiting for delivery.");
        var failed = factory.CreateGauge("chatopsreply_outbox_failed", "Outbox messages given up on.");
        var storeUp = factory.CreateGauge("chatopsreply_store_up", "1 when the store answered this scrape.");
        Registry.AddBeforeCollectCallback(async cancellationToken =>
        {
            try
            {
                foreach (var (state, count) in await posts.CountByStateAsync(cancellationToken).ConfigureAwait(false))
                {
                    postsByState.WithLabels(state.ToString()).Set(count);
                }

                var depth = await outbox.DepthAsync(cancellationToken).ConfigureAwait(false);
                pending.Set(depth.Pending);
                failed.Set(depth.Failed);
                storeUp.Set(1);
            }
            catch (StoreUnavailableException)
            {
                storeUp.Set(0);
            }
        });
    }

    public CollectorRegistry Registry { get; }

    /// <summary>Counts a saved transition, and the response times it completes.</summary>
    public void Applied(CustomerPost before, CustomerPost after, PostTrigger trigger)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        _transitions.WithLabels(trigger.ToString()).Inc();
        if (trigger == PostTrigger.SlaBreached)
        {
            _slaBreaches.WithLabels(before.Queue).Inc();
        }

        if (before.FirstClaimedAt is null && after.FirstClaimedAt is { } claimed)
        {
            _timeToClaim.WithLabels(after.Queue).Observe((claimed - after.ReceivedAt).TotalSeconds);
        }

        if (before.FirstReplyAt is null && after.FirstReplyAt is { } replied)
        {
            _timeToFirstReply.WithLabels(after.Queue).Observe((replied - after.ReceivedAt).TotalSeconds);
        }
    }

    public void Delivered(OutboxMessage message, SurfaceDeliveryStatus status, TimeSpan took)
    {
        ArgumentNullException.ThrowIfNull(message);
        _surfaceCalls.WithLabels(message.Target, message.Kind.ToString()).Observe(took.TotalSeconds);
        _surfaceResults.WithLabels(message.Target, status.ToString().ToLowerInvariant()).Inc();
    }
}
