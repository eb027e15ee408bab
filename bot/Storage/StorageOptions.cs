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
