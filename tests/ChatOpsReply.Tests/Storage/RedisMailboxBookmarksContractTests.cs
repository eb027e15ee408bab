using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Storage;

public sealed class RedisMailboxBookmarksContractTests : MailboxBookmarksContract
{
    protected override IDictionary<string, string?> StoreSettings() => RedisSettings.Fresh(RedisServer.Shared);
}
