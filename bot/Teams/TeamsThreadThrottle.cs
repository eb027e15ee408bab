using System.Collections.Concurrent;

namespace ChatOpsReply.Teams;

/// <summary>
/// Keeps this instance's calls under Teams' per-thread limits. Instead of sleeping, it says how
/// long to wait, and the outbox tries the message again then.
/// </summary>
public sealed class TeamsThreadThrottle(TimeProvider time)
{
    // Teams: per bot per thread 7 operations in 1 s, 8 in 2 s, 60 in 30 s, 1800 in an hour, msteams-docs bots/how-to/rate-limit#per-bot-per-thread-limit.
    private static readonly (TimeSpan Window, int Max)[] Limits =
    [
        (TimeSpan.FromSeconds(1), 7),
        (TimeSpan.FromSeconds(2), 8),
        (TimeSpan.FromSeconds(30), 60),
        (TimeSpan.FromHours(1), 1800),
    ];

    private static readonly TimeSpan Longest = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _threads = new(StringComparer.Ordinal);

    /// <summary>Takes a slot for one operation on the thread now, or returns how long to wait for one (taking nothing).</summary>
    public TimeSpan? TryAcquire(string thread)
    {
        var now = time.GetUtcNow();
        var calls = _threads.GetOrAdd(TeamsProtocol.ThreadKey(thread), _ => new Queue<DateTimeOffset>());
        lock (calls)
        {
            while (calls.Count > 0 && calls.Peek() <= now - Longest)
            {
                calls.Dequeue();
            }

            var wait = TimeSpan.Zero;
            foreach (var (window, max) in Limits)
            {
                var inWindow = calls.Where(at => at > now - window).ToList();
                if (inWindow.Count >= max)
                {
                    // The slot frees when the oldest call that still counts leaves the window.
                    var frees = inWindow[^max] + window - now;
                    wait = frees > wait ? frees : wait;
                }
            }

            if (wait > TimeSpan.Zero)
            {
                return wait;
            }

            calls.Enqueue(now);
            return null;
        }
    }
}
