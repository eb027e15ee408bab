using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Storage;

/// <summary>The answer store contract on Redis: the shared test server, a key prefix of its own per test.</summary>
public sealed class RedisAnswerStoreContractTests : AnswerStoreContract
{
    protected override IDictionary<string, string?> StoreSettings() => RedisSettings.Fresh(RedisServer.Shared);
}
