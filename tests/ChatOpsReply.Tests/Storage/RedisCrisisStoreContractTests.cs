using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Storage;

/// <summary>The crisis store contract on Redis: the shared test server, a key prefix of its own per test.</summary>
public sealed class RedisCrisisStoreContractTests : CrisisStoreContract
{
    protected override IDictionary<string, string?> StoreSettings() => RedisSettings.Fresh(RedisServer.Shared);
}
