namespace ChatOpsReply.Library.Api;

/// <summary>One key of the answers API: who uses it (shown in history) and what it may do.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>Shown as the author of changes made with this key ("Intranet sync").</summary>
    public string Name { get; set; } = "";

    /// <summary>The secret, at least 32 characters. Set it from an environment variable.</summary>
    public string Key { get; set; } = "";

    /// <summary>
    /// The role the key acts with: "manager" or "admin" curate, "legal" approves answers marked
    /// legal, any other role (e.g. "frontline") reads, searches and personalises.
    /// </summary>
    public string Role { get; set; } = "";
}
