namespace ChatOpsReply.Library;

/// <summary>The "Library" section: the approved-answer library.</summary>
/// <remarks>List settings stay null until configured (the configuration binder appends to lists).</remarks>
public sealed class LibraryOptions
{
    public const string Section = "Library";

    /// <summary>How often this instance asks the store for answers other instances changed.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How many approved answers a post's draft dialog offers (0: none).</summary>
    public int Suggestions { get; set; } = 5;

    /// <summary>
    /// The tag of the approved answers that offer to take a heated public thread private (a direct
    /// message, e-mail, a call): the guidelines' heated-thread warning suggests the best of them.
    /// </summary>
    public string TakeOfflineTag { get; set; } = DefaultTakeOfflineTag;

    public const string DefaultTakeOfflineTag = "take-offline";

    /// <summary>The largest import file accepted, in bytes.</summary>
    public int MaxImportBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Keys of the JSON API (<c>/api/answers</c>), each with a name and a role.</summary>
    public List<ApiKeyOptions>? ApiKeys { get; set; }
}

/// <summary>One key of the answers API: who uses it (shown in history) and what it may do.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>Shown as the author of changes made with this key ("Intranet sync").</summary>
    public string Name { get; set; } = "";

    /// <summary>The secret, at least 32 characters. Set it from an environment variable.</summary>
    public string Key { get; set; } = "";

    /// <summary>
    /// The role the key acts with: "manager" or "admin" curate, the approver of legal posts
    /// ("legal" unless configured otherwise) approves answers marked legal, any other role (e.g.
    /// "frontline") reads, searches and personalises.
    /// </summary>
    public string Role { get; set; } = "";
}
