using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Storage;

/// <summary>The Teams directory contract on Redis: the shared test server, a key prefix of its own per test.</summary>
public sealed class RedisTeamsDirectoryContractTests : TeamsDirectoryContract
{
    protected override IDictionary<string, string?> StoreSettings() => RedisSettings.Fresh(RedisServer.Shared);
}
