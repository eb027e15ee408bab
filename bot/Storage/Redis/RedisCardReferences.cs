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

    public async Task<string> SetIfAbsentAsync(string postId, string key, string reference, CancellationToken cancellationToken = default)
    {
        var stored = (string)(await redis.EvaluateAsync(SetIfAbsent, new { cards = redis.Keys.PostCards(postId), key, reference }, cancellationToken).ConfigureAwait(false))!;
        // The way back from a message to its post lives under its own key (another hash slot), written after: a
        // reference is found once it is stored, and writing it again is harmless.
        await redis.RunAsync(db => db.StringSetAsync(redis.Keys.CardPost(key, stored), postId, when: When.NotExists), cancellationToken).ConfigureAwait(false);
        return stored;
    }

    public Task<string?> FindPostAsync(string key, string reference, CancellationToken cancellationToken = default) =>
        redis.RunAsync(async db => (string?)await db.StringGetAsync(redis.Keys.CardPost(key, reference)).ConfigureAwait(false), cancellationToken);

    public Task RemoveAsync(string postId, string key, string reference, CancellationToken cancellationToken = default) =>
        redis.EvaluateAsync(RemoveIfSame, new { cards = redis.Keys.PostCards(postId), key, reference }, cancellationToken);
}
