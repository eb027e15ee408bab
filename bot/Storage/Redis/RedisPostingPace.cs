using System.Globalization;
using StackExchange.Redis;

namespace ChatOpsReply.Storage.Redis;

/// <summary>
/// The posting pace shared by every instance: the token bucket and the waiting messages' turns
/// live in Redis and change in one script, so two instances delivering one burst to one channel
/// draw from the same bucket. Both are forgotten ten minutes after their last use.
/// </summary>
public sealed class RedisPostingPace(RedisDatabase redis) : IPostingPace
{
    private const long ForgetAfterMs = 600_000;

    // Returns -1 to post now, else the wait in milliseconds.
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
        tokens = math.min(burst, tokens + math.max(0, now - at) / interval) - 1
        redis.call('HSET', @bucket, 'tokens', tostring(tokens), 'at', tostring(now))
        redis.call('PEXPIRE', @bucket, @forget)
        if tokens >= 0 then return -1 end
        turn = now + math.ceil(interval * -tokens)
        redis.call('SET', @turn, tostring(turn), 'PX', @forget)
        return turn - now
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
            },
            cancellationToken).ConfigureAwait(false);
        return wait < 0 ? null : TimeSpan.FromMilliseconds(wait);
    }
}
