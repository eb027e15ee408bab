using System.Globalization;
using ChatOpsReply.Delivery;
using StackExchange.Redis;

namespace ChatOpsReply.Storage.Redis;

/// <summary>
/// The posting paces shared by every instance, each changed in one script: a token bucket and
/// the waiting messages' turns (forgotten ten minutes after their last use), or a sliding log
/// of calls (kept as long as the longest window). Two instances delivering one burst to one
/// channel draw on the same pace.
/// </summary>
public sealed class RedisPostingPace(RedisDatabase redis) : IPostingPace
{
    private const long ForgetAfterMs = 600_000;

    // Returns -1 to post now, else the wait in milliseconds (a wait beyond @longest, when not -1, took no turn).
    private static readonly LuaScript Reserve = LuaScript.Prepare("""
        local now = tonumber(@now)
        local turn = redis.call('GET', @turn)
        if turn then
            turn = tonumber(turn)
            if turn <= now then
                redis.call('DEL', @turn)
                return -1
            end
            return turn - now
        end
        local burst = tonumber(@burst)
        local interval = tonumber(@interval)
        local bucket = redis.call('HMGET', @bucket, 'tokens', 'at')
        local tokens = tonumber(bucket[1]) or burst
        local at = tonumber(bucket[2]) or now
        tokens = math.min(burst, tokens + math.max(0, now - at) / interval)
        local longest = tonumber(@longest)
        if longest >= 0 and tokens < 1 and interval * (1 - tokens) > longest then
            redis.call('HSET', @bucket, 'tokens', tostring(tokens), 'at', tostring(now))
            redis.call('PEXPIRE', @bucket, @forget)
            return math.ceil(interval * (1 - tokens))
        end
        tokens = tokens - 1
        redis.call('HSET', @bucket, 'tokens', tostring(tokens), 'at', tostring(now))
        redis.call('PEXPIRE', @bucket, @forget)
        if tokens >= 0 then return -1 end
        turn = now + math.ceil(interval * -tokens)
        redis.call('SET', @turn, tostring(turn), 'PX', @forget)
        return turn - now
        """);

    // Calls in a sorted set by time; "w:max,w:max" names the windows (milliseconds). Returns -1 when taken, else the wait in milliseconds.
    private static readonly LuaScript TryTake = LuaScript.Prepare("""
        local now = tonumber(@now)
        local longest = tonumber(@longest)
        redis.call('ZREMRANGEBYSCORE', @calls, '-inf', now - longest)
        local wait = 0
        for window, max in string.gmatch(@windows, '(%d+):(%d+)') do
            window = tonumber(window)
            max = tonumber(max)
            local since = '(' .. (now - window)
            local count = redis.call('ZCOUNT', @calls, since, '+inf')
            if count >= max then
                local oldest = redis.call('ZRANGEBYSCORE', @calls, since, '+inf', 'WITHSCORES', 'LIMIT', count - max, 1)
                local frees = tonumber(oldest[2]) + window - now
                if frees > wait then wait = frees end
            end
        end
        if wait > 0 then return wait end
        redis.call('ZADD', @calls, now, @call)
        redis.call('PEXPIRE', @calls, longest)
        return -1
        """);

    public async Task<TimeSpan?> ReserveAsync(string key, string messageId, PaceLimit limit, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(limit);
        var wait = (long)await redis.EvaluateAsync(
            Reserve,
            new
            {
                bucket = redis.Keys.Pace(key),
                turn = redis.Keys.PaceTurn(messageId),
                now = RedisText.Ms(now),
                burst = RedisText.Number(limit.Burst),
                interval = Math.Max(1, limit.Interval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
                forget = RedisText.Number(ForgetAfterMs),
                longest = limit.LongestWait is { } longest ? RedisText.Number((long)longest.TotalMilliseconds) : "-1",
            },
            cancellationToken).ConfigureAwait(false);
        return wait < 0 ? null : TimeSpan.FromMilliseconds(wait);
    }

    public async Task<TimeSpan?> TryTakeAsync(string key, IReadOnlyList<PaceWindow> windows, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var wait = (long)await redis.EvaluateAsync(
            TryTake,
            new
            {
                calls = redis.Keys.Pace(key),
                now = RedisText.Ms(now),
                longest = RedisText.Number((long)windows.Max(w => w.Window).TotalMilliseconds),
                windows = string.Join(',', windows.Select(w => string.Create(CultureInfo.InvariantCulture, $"{(long)w.Window.TotalMilliseconds}:{w.Max}"))),
                call = Guid.NewGuid().ToString("N"),
            },
            cancellationToken).ConfigureAwait(false);
        return wait < 0 ? null : TimeSpan.FromMilliseconds(wait);
    }
}
