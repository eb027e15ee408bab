using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Storage;

/// <summary>The spike store contract on Redis: the shared test server, a key prefix of its own per test.</summary>
public sealed class RedisSpikeStoreContractTests : SpikeStoreContract
{
    protected override IDictionary<string, string?> StoreSettings() => RedisSettings.Fresh(RedisServer.Shared);
}
