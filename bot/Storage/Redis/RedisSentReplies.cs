using ChatOpsReply.Posts;
using StackExchange.Redis;

namespace ChatOpsReply.Storage.Redis;

/// <summary>
/// Sent replies: per post a hash (field: reply number, value: when it was sent; "n:delivered",
/// "n:external" once the source took it), per customer a sorted set by time for frequency caps.
/// All are written by the post script, with the change that records the sending or its delivery.
/// </summary>
public sealed class RedisSentReplies(RedisDatabase redis) : ISentReplies
{
    public Task<int> CountSinceAsync(string source, string handle, DateTimeOffset since, CancellationToken cancellationToken = default) =>
        redis.RunAsync(
            async db => (int)await db.SortedSetLengthAsync(redis.Keys.SentTo(source, handle), since.ToUnixTimeMilliseconds()).ConfigureAwait(false),
            cancellationToken);

    public Task<DateTimeOffset?> DeliveredAtAsync(string postId, int number, CancellationToken cancellationToken = default) =>
        redis.RunAsync(
            async db => await db.HashGetAsync(redis.Keys.PostReplies(postId), $"{RedisText.Number(number)}:delivered").ConfigureAwait(false) is { IsNull: false } ms
                ? RedisText.FromMs(ms)
                : (DateTimeOffset?)null,
            cancellationToken);
}
