using ChatOpsReply.Posts;
using StackExchange.Redis;

namespace ChatOpsReply.Storage.Redis;

/// <summary>
/// SLA timers in a sorted set of post ids scored by when they may be claimed (their due time,
/// or the end of their lease once claimed), with each timer's due time in a hash beside it.
/// A claim takes the due ones and pushes their score to the end of the lease in one script,
/// so of several instances exactly one gets each timer, and it comes back if that one dies.
/// </summary>
public sealed class RedisSlaTimers(RedisDatabase redis) : ISlaTimers
{
    private static readonly LuaScript Claim = LuaScript.Prepare("""
        local claimed = {}
        for _, id in ipairs(redis.call('ZRANGEBYSCORE', @timers, '-inf', @now, 'LIMIT', 0, @max)) do
          redis.call('ZADD', @timers, @leaseUntil, id)
          claimed[#claimed + 1] = id
          claimed[#claimed + 1] = redis.call('HGET', @dues, id)
        end
        return claimed
        """);

    private static readonly LuaScript Complete = LuaScript.Prepare("""
        if redis.call('HGET', @dues, @post) ~= @due then return 0 end
        redis.call('HDEL', @dues, @post)
        redis.call('ZREM', @timers, @post)
        return 1
        """);

    public async Task<IReadOnlyList<DueTimer>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken = default)
    {
        if (max <= 0)
        {
            return [];
        }

        var result = (RedisValue[])(await redis.EvaluateAsync(
            Claim,
            new { timers = redis.Keys.Timers, dues = redis.Keys.TimerDueTimes, now = RedisText.Ms(now), leaseUntil = RedisText.Ms(now + lease), max },
            cancellationToken).ConfigureAwait(false))!;
        return [.. result.Chunk(2).Select(pair => new DueTimer((string)pair[0]!, RedisText.FromMs(pair[1]))).OrderBy(t => t.DueAt)];
    }

    public Task CompleteAsync(DueTimer timer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return redis.EvaluateAsync(
            Complete,
            new { timers = redis.Keys.Timers, dues = redis.Keys.TimerDueTimes, post = timer.PostId, due = RedisText.Ms(timer.DueAt) },
            cancellationToken);
    }
}
