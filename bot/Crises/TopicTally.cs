namespace ChatOpsReply.Crises;

/// <summary>
/// A batch of arrivals summed up the way a store writes them: one increment per queue, term and minute
/// (and hour) however many posts fell in it, and only the latest three posts of each term, so that a burst
/// of a thousand posts on one topic is a handful of writes, not thousands.
/// </summary>
public sealed class TopicTally
{
    private TopicTally(IReadOnlyList<TopicArrival> arrivals)
    {
        WindowMinutes = arrivals[0].WindowMinutes;
        BaselineWeeks = arrivals[0].BaselineWeeks;
        var terms = new List<QueueTerm>();
        var seen = new HashSet<QueueTerm>();
        var minutes = new Dictionary<(QueueTerm Key, long Minute), int>();
        var hours = new Dictionary<(QueueTerm Key, long Hour), int>();
        var recent = new Dictionary<QueueTerm, List<TopicArrival>>();
        var latest = new Dictionary<string, TopicArrival>(StringComparer.Ordinal);
        foreach (var arrival in arrivals)
        {
            if (!latest.TryGetValue(arrival.Queue, out var last) || arrival.AtMs >= last.AtMs)
            {
                latest[arrival.Queue] = arrival;
            }

            foreach (var term in arrival.Terms)
            {
                var key = new QueueTerm(arrival.Queue, term);
                if (seen.Add(key))
                {
                    terms.Add(key);
                    recent[key] = [];
                }

                minutes[(key, arrival.Minute)] = minutes.GetValueOrDefault((key, arrival.Minute)) + 1;
                hours[(key, arrival.Hour)] = hours.GetValueOrDefault((key, arrival.Hour)) + 1;
                recent[key].Add(arrival);
            }
        }

        Terms = terms;
        Latest = latest;
        Minutes = [.. minutes.Select(m => new Increment(m.Key.Key, m.Key.Minute, m.Value))];
        Hours = [.. hours.Select(h => new Increment(h.Key.Key, h.Key.Hour, h.Value))];
        Recent = [.. recent.SelectMany(r => r.Value.OrderByDescending(a => a.AtMs).ThenByDescending(a => a.PostId, StringComparer.Ordinal).Take(3).Select(a => (r.Key, a)))];
    }

    public int WindowMinutes { get; }

    public int BaselineWeeks { get; }

    /// <summary>Every queue and term counted, in the order they first appear.</summary>
    public IReadOnlyList<QueueTerm> Terms { get; }

    /// <summary>Each queue's latest arrival: its counts are answered over the window ending with it.</summary>
    public IReadOnlyDictionary<string, TopicArrival> Latest { get; }

    /// <summary>Arrivals per queue, term and minute (the minute's start in unix milliseconds).</summary>
    public IReadOnlyList<Increment> Minutes { get; }

    /// <summary>Arrivals per queue, term and hour.</summary>
    public IReadOnlyList<Increment> Hours { get; }

    /// <summary>The latest three arrivals of each queue and term: the only ones its recent posts can be.</summary>
    public IReadOnlyList<(QueueTerm Key, TopicArrival Arrival)> Recent { get; }

    public static TopicTally Of(IReadOnlyList<TopicArrival> arrivals)
    {
        ArgumentNullException.ThrowIfNull(arrivals);
        ArgumentOutOfRangeException.ThrowIfZero(arrivals.Count);
        return new TopicTally(arrivals);
    }

    /// <summary>The bucket starts of the window ending with the queue's latest arrival, oldest first.</summary>
    public long FirstMinute(string queue) => Latest[queue].FirstMinute;
}

public readonly record struct QueueTerm(string Queue, string Term);

/// <summary>How many arrivals of one queue and term fell in the bucket starting at <paramref name="Bucket"/>.</summary>
public readonly record struct Increment(QueueTerm Key, long Bucket, int Count);
