namespace ChatOpsReply.Storage;

public sealed class SqliteStoreOptions
{
    /// <summary>The database file, relative to the working directory; created with its folder.</summary>
    public string Path { get; set; } = "data/chatopsreply.db";

    /// <summary>How long a write waits for another writer before the store counts as unavailable.</summary>
    public int BusyTimeoutSeconds { get; set; } = 10;
}
