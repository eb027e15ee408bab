using ChatOpsReply.Posts;
using StackExchange.Redis;

namespace ChatOpsReply.Storage.Redis;

/// <summary>
/// Sent replies: per post a hash (field: reply number, value: when it was sent; "n:delivered",
/// "n:external" once the source took it), per customer a sorted set by time for frequency caps.
/// Both are written by the post script that records the sending.
/// </summary>
public sealed class RedisSentReplies(RedisDatabase redis) : ISentReplies
{
    private static readonly LuaScript MarkDelivered = LuaScript.Prepare("""
        if redis.call('HEXISTS', @replies, @number) == 0 then return 0 end
        redis.call('HSET', @replies, @number .. ':delivered', @at)
        if @external ~= '' then redis.call('HSET', @replies, @number .. ':external', @external) else redis.call('HDEL', @replies, @number .. ':external') end
        return 1
        """);

    public Task<int> CountSinceAsync(string source, string handle, DateTimeOffset since, CancellationToken cancellationToken = default) =>
        redis.RunAsync(
            async db => (int)await db.SortedSetLengthAsync(redis.Keys.SentTo(source, handle), since.ToUnixTimeMilliseconds()).ConfigureAwait(false),
            cancellationToken);

    public Task MarkDeliveredAsync(string postId, int number, DateTimeOffset at, string? externalId, CancellationToken cancellationToken = default) =>
        redis.EvaluateAsync(
            MarkDelivered,
            new { replies = redis.Keys.PostReplies(postId), number = RedisText.Number(number), at = RedisText.Ms(at), external = externalId ?? "" },
            cancellationToken);

    public Task<DateTimeOffset?> DeliveredAtAsync(string postId, int number, CancellationToken cancellationToken = default) =>
        redis.RunAsync(
            async db => await db.HashGetAsync(redis.Keys.PostReplies(postId), $"{RedisText.Number(number)}:delivered").ConfigureAwait(false) is { IsNull: false } ms
                ? RedisText.FromMs(ms)
                : (DateTimeOffset?)null,
            cancellationToken);
}
