using ChatOpsReply.Delivery;
using StackExchange.Redis;

namespace ChatOpsReply.Storage.Redis;

/// <summary>Card references in a hash per post (field: the surface and role, value: the reference).</summary>
public sealed class RedisCardReferences(RedisDatabase redis) : ICardReferences
{
    private static readonly LuaScript SetIfAbsent = LuaScript.Prepare("""
        redis.call('HSETNX', @cards, @key, @reference)
        return redis.call('HGET', @cards, @key)
        """);

    private static readonly LuaScript RemoveIfSame = LuaScript.Prepare("""
        if redis.call('HGET', @cards, @key) == @reference then redis.call('HDEL', @cards, @key) end
        return 0
        """);

    public Task<string?> GetAsync(string postId, string key, CancellationToken cancellationToken = default) =>
        redis.RunAsync(async db => (string?)await db.HashGetAsync(redis.Keys.PostCards(postId), key).ConfigureAwait(false), cancellationToken);

    public async Task<string> SetIfAbsentAsync(string postId, string key, string reference, CancellationToken cancellationToken = default) =>
        (string)(await redis.EvaluateAsync(SetIfAbsent, new { cards = redis.Keys.PostCards(postId), key, reference }, cancellationToken).ConfigureAwait(false))!;

    public Task RemoveAsync(string postId, string key, string reference, CancellationToken cancellationToken = default) =>
        redis.EvaluateAsync(RemoveIfSame, new { cards = redis.Keys.PostCards(postId), key, reference }, cancellationToken);
}
