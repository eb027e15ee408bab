using System.Text.Json.Nodes;
using ChatOpsReply.Storage.Redis;
using ChatOpsReply.Tests.Support;
using StackExchange.Redis;

namespace ChatOpsReply.Tests.Storage;

/// <summary>The store contract on Redis: the shared test server, a key prefix of its own per test.</summary>
public sealed class RedisStoreContractTests : StoreContract
{
    protected override IDictionary<string, string?> StoreSettings() => RedisSettings.Fresh(RedisServer.Shared);

    /// <summary>What a client of the Redis server could do: rewrite the post's list entry in place.</summary>
    protected override async Task EditAuditEventByHandAsync(string postId, int index, string detail)
    {
        var redis = Store<RedisDatabase>();
        var db = (await redis.ConnectionAsync()).GetDatabase();
        var fields = ((string)(await db.ListGetByIndexAsync(redis.Keys.PostAudit(postId), index))!).Split('|', 5);
        var json = JsonNode.Parse(fields[4])!;
        json["Detail"] = detail;
        fields[4] = json.ToJsonString();
        await db.ListSetByIndexAsync(redis.Keys.PostAudit(postId), index, string.Join('|', fields));
    }

    /// <summary>Removes the post's list entry and the stream entry that points to it, as a thorough forger would.</summary>
    protected override async Task RemoveAuditEventByHandAsync(string postId, int index)
    {
        var redis = Store<RedisDatabase>();
        var db = (await redis.ConnectionAsync()).GetDatabase();
        var entry = (string)(await db.ListGetByIndexAsync(redis.Keys.PostAudit(postId), index))!;
        var sequence = entry[..entry.IndexOf('|', StringComparison.Ordinal)];
        Assert.Equal(1, await db.ListRemoveAsync(redis.Keys.PostAudit(postId), entry));
        var stream = await db.StreamRangeAsync(redis.Keys.AuditStream);
        Assert.Equal(1, await db.StreamDeleteAsync(redis.Keys.AuditStream, [.. stream.Where(e => e["seq"] == sequence).Select(e => e.Id)]));
    }
}
