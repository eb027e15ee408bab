namespace ChatOpsReply.Storage;

public sealed class RedisStoreOptions
{
    /// <summary>A StackExchange.Redis connection string, e.g. "localhost:6379".</summary>
    public string? Configuration { get; set; }

    /// <summary>Prefix of every key, so several environments can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "chatopsreply:";
}
