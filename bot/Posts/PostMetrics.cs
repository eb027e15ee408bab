using System.Diagnostics.Metrics;
using ChatOpsReply.Telemetry;

namespace ChatOpsReply.Posts;

/// <summary>What the workflow counts as it happens: transitions, SLA breaches, and the response times a transition completes.</summary>
public sealed class PostMetrics
{
    private readonly Counter<long> _transitions;
    private readonly Counter<long> _slaBreaches;
    private readonly Histogram<double> _timeToClaim;
    private readonly Histogram<double> _timeToFirstReply;

    public PostMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(ServiceMeter.Name);
        var buckets = new InstrumentAdvice<double> { HistogramBucketBoundaries = ServiceMeter.ResponseTimeBuckets };
        _transitions = meter.CreateCounter<long>("chatopsreply.transitions", description: "Applied workflow transitions.");
        _slaBreaches = meter.CreateCounter<long>("chatopsreply.sla_breaches", description: "SLA timers that fired on a post nobody acted on in time.");
        _timeToClaim = meter.CreateHistogram("chatopsreply.time_to_claim", "s", "From a post's arrival to its first claim.", advice: buckets);
        _timeToFirstReply = meter.CreateHistogram("chatopsreply.time_to_first_reply", "s", "From a post's arrival to its first reply sent.", advice: buckets);
    }

    /// <summary>Counts a saved transition, and the response times it completes.</summary>
    public void Applied(CustomerPost before, CustomerPost after, PostTrigger trigger)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        _transitions.Add(1, new KeyValuePair<string, object?>("trigger", trigger.ToString()));
        if (trigger == PostTrigger.SlaBreached)
        {
            _slaBreaches.Add(1, new KeyValuePair<string, object?>("queue", before.Queue));
        }

        if (before.FirstClaimedAt is null && after.FirstClaimedAt is { } claimed)
        {
            _timeToClaim.Record((claimed - after.ReceivedAt).TotalSeconds, new KeyValuePair<string, object?>("queue", after.Queue));
        }

        if (before.FirstReplyAt is null && after.FirstReplyAt is { } replied)
        {
            _timeToFirstReply.Record((replied - after.ReceivedAt).TotalSeconds, new KeyValuePair<string, object?>("queue", after.Queue));
        }
    }
}
