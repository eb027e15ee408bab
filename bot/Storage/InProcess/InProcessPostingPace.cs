using ChatOpsReply.Delivery;

namespace ChatOpsReply.Storage.InProcess;

/// <summary>
/// The pace kept in memory, for a store only one process uses (SQLite): the same token bucket
/// and kept turns as the shared one, without the round trip.
/// </summary>
public sealed class InProcessPostingPace : IPostingPace
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _turns = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<DateTimeOffset>> _calls = new(StringComparer.Ordinal);

    public Task<TimeSpan?> ReserveAsync(string key, string messageId, PaceLimit limit, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(limit);
        lock (_gate)
        {
            if (_turns.Remove(messageId, out var turn))
            {
                return Task.FromResult(turn <= now ? null : Keep(messageId, turn, now));
            }

            if (!_buckets.TryGetValue(key, out var bucket))
            {
                bucket = new Bucket(limit.Burst, now);
                _buckets[key] = bucket;
            }

            // Refill: one token per interval since the last look, up to the burst size.
            var refilled = Math.Min(limit.Burst, bucket.Tokens + ((now - bucket.At) / limit.Interval));
            bucket.At = now;
            if (refilled < 1 && limit.LongestWait is { } longest && limit.Interval * (1 - refilled) > longest)
            {
                // Too far off: nothing taken.
                bucket.Tokens = refilled;
                return Task.FromResult<TimeSpan?>(limit.Interval * (1 - refilled));
            }

            bucket.Tokens = refilled - 1;
            if (bucket.Tokens >= 0)
            {
                return Task.FromResult<TimeSpan?>(null);
            }

            // In debt: this message's turn comes when the debt is paid back.
            Forget(now);
            return Task.FromResult(Keep(messageId, now + (limit.Interval * -bucket.Tokens), now));
        }
    }

    public Task<TimeSpan?> TryTakeAsync(string key, IReadOnlyList<PaceWindow> windows, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var longest = windows.Max(w => w.Window);
        lock (_gate)
        {
            if (!_calls.TryGetValue(key, out var calls))
            {
                calls = new Queue<DateTimeOffset>();
                _calls[key] = calls;
            }

            while (calls.Count > 0 && calls.Peek() <= now - longest)
            {
                calls.Dequeue();
            }

            var wait = TimeSpan.Zero;
            foreach (var (window, max) in windows)
            {
                var inWindow = calls.Where(at => at > now - window).ToList();
                if (inWindow.Count >= max)
                {
                    // Room comes when the oldest call that still counts leaves the window.
                    var frees = inWindow[^max] + window - now;
                    wait = frees > wait ? frees : wait;
                }
            }

            if (wait > TimeSpan.Zero)
            {
                return Task.FromResult<TimeSpan?>(wait);
            }

            calls.Enqueue(now);
            return Task.FromResult<TimeSpan?>(null);
        }
    }

    private TimeSpan? Keep(string messageId, DateTimeOffset turn, DateTimeOffset now)
    {
        _turns[messageId] = turn;
        return turn - now;
    }

    /// <summary>Turns of messages that never came back (delivered elsewhere, given up) are dropped after a while.</summary>
    private void Forget(DateTimeOffset now)
    {
        if (_turns.Count < 1024)
        {
            return;
        }

        foreach (var stale in _turns.Where(t => t.Value < now - TimeSpan.FromMinutes(10)).Select(t => t.Key).ToList())
        {
            _turns.Remove(stale);
        }
    }

    private sealed class Bucket(double tokens, DateTimeOffset at)
    {
        public double Tokens { get; set; } = tokens;

        public DateTimeOffset At { get; set; } = at;
    }
}
