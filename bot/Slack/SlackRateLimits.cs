using System.Collections.Concurrent;

namespace ChatOpsReply.Slack;

/// <summary>
/// What Slack's 429 answers told us: until when a method (per channel, for posting) is off
/// limits. Calls before then fail at once with the time left, without reaching Slack.
/// </summary>
public sealed class SlackRateLimits
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _until = new(StringComparer.Ordinal);

    public void Hold(string key, DateTimeOffset until) => _until[key] = until;

    /// <summary>The time left before <paramref name="key"/> may be called, or null when it may be called now.</summary>
    public TimeSpan? WaitFor(string key, DateTimeOffset now)
    {
        if (!_until.TryGetValue(key, out var until))
        {
            return null;
        }

        if (until > now)
        {
            return until - now;
        }

        _until.TryRemove(new KeyValuePair<string, DateTimeOffset>(key, until));
        return null;
    }
}
