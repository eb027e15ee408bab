using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Storage;

/// <summary>The digest contract on Redis: the shared test server, a key prefix of its own per test.</summary>
public sealed class RedisDigestStoreContractTests : DigestStoreContract
{
    protected override IDictionary<string, string?> StoreSettings() => RedisSettings.Fresh(RedisServer.Shared);
}
