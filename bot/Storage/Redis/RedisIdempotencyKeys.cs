using ChatOpsReply.Posts;
using StackExchange.Redis;

namespace ChatOpsReply.Storage.Redis;

/// <summary>
/// Idempotency keys with Redis's own expiry: each key holds its expiry time on the caller's
/// clock (what decides "repeat or not", as in every store) and lives in Redis for the same
/// span, so Redis forgets it by itself and <see cref="PurgeExpiredAsync"/> has nothing to do.
/// </summary>
public sealed class RedisIdempotencyKeys(RedisDatabase redis) : IIdempotencyKeys
{
    private static readonly LuaScript TryRecord = LuaScript.Prepare("""
        local expires = redis.call('GET', @key)
        if expires and tonumber(expires) > tonumber(@now) then return 0 end
        redis.call('SET', @key, @expires, 'PX', @keepFor)
        return 1
        """);

    public async Task<bool> TryRecordAsync(string key, DateTimeOffset now, TimeSpan keepFor, CancellationToken cancellationToken = default) =>
        (long)await redis.EvaluateAsync(
            TryRecord,
            new
            {
                key = redis.Keys.IdempotencyKey(key),
                now = RedisText.Ms(now),
                expires = RedisText.Ms(now + keepFor),
                keepFor = RedisText.Number(Math.Max(1, (long)keepFor.TotalMilliseconds)),
            },
            cancellationToken).ConfigureAwait(false) == 1;

    public Task PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
