namespace ChatOpsReply.Storage;

/// <summary>The "Storage" section: which store holds posts, and how to reach it.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>"Sqlite" (embedded, one file, the default) or "Redis" (several instances).</summary>
    public string Provider { get; set; } = "Sqlite";

    public SqliteStoreOptions Sqlite { get; set; } = new();

    public RedisStoreOptions Redis { get; set; } = new();
}

public sealed class SqliteStoreOptions
{
    /// <summary>The database file, relative to the working directory; created with its folder.</summary>
    public string Path { get; set; } = "data/chatopsreply.db";

    /// <summary>How long a write waits for another writer before the store counts as unavailable.</summary>
    public int BusyTimeoutSeconds { get; set; } = 10;
}

public sealed class RedisStoreOptions
{
    /// <summary>A StackExchange.Redis connection string, e.g. "localhost:6379".</summary>
    public string? Configuration { get; set; }

    /// <summary>Prefix of every key, so several environments can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "chatopsreply:";
}
