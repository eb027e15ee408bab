using Microsoft.Extensions.Options;

namespace ChatOpsReply.Slack;

/// <summary>
/// Keeps posting to each channel within Slack's rate (about one message a second, short bursts
/// allowed). A message that would go too fast is given a slot and told how long to wait; the
/// outbox brings it back then, and the slot is still its own, so a burst drains in order
/// instead of every message fighting for the next free second.
/// </summary>
public sealed class SlackChannelPacer(IOptions<SlackOptions> options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Bucket> _channels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _slots = new(StringComparer.Ordinal);

    /// <summary>Null when <paramref name="messageId"/> may post to <paramref name="channel"/> now, else how long to wait.</summary>
    // Slack: chat.postMessage allows about one message per second per channel, docs.slack.dev/apis/web-api/rate-limits
    public TimeSpan? Reserve(string channel, string messageId)
    {
        var now = time.GetUtcNow();
        var settings = options.Value;
        lock (_gate)
        {
            if (_slots.Remove(messageId, out var slot))
            {
                return slot <= now ? null : Keep(messageId, slot, now);
            }

            if (!_channels.TryGetValue(channel, out var bucket))
            {
                bucket = new Bucket(settings.ChannelBurst, now);
                _channels[channel] = bucket;
            }

            // Refill: one token per interval since the last look, up to the burst size.
            var refill = (now - bucket.At) / settings.ChannelPostInterval;
            bucket.Tokens = Math.Min(settings.ChannelBurst, bucket.Tokens + refill);
            bucket.At = now;
            bucket.Tokens -= 1;
            if (bucket.Tokens >= 0)
            {
                return null;
            }

            // In debt: this message's turn comes when the debt is paid back.
            var turn = now + (settings.ChannelPostInterval * -bucket.Tokens);
            Forget(now);
            return Keep(messageId, turn, now);
        }
    }

    private TimeSpan Keep(string messageId, DateTimeOffset slot, DateTimeOffset now)
    {
        _slots[messageId] = slot;
        return slot - now;
    }

    /// <summary>Slots of messages that never came back (delivered elsewhere, given up) are dropped after a while.</summary>
    private void Forget(DateTimeOffset now)
    {
        if (_slots.Count < 1024)
        {
            return;
        }

        foreach (var stale in _slots.Where(s => s.Value < now - TimeSpan.FromMinutes(10)).Select(s => s.Key).ToList())
        {
            _slots.Remove(stale);
        }
    }

    private sealed class Bucket(double tokens, DateTimeOffset at)
    {
        public double Tokens { get; set; } = tokens;

        public DateTimeOffset At { get; set; } = at;
    }
}
