using ChatOpsReply.Library.Api;

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

    /// <summary>The largest import file accepted, in bytes.</summary>
    public int MaxImportBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Keys of the JSON API (<c>/api/answers</c>), each with a name and a role.</summary>
    public List<ApiKeyOptions>? ApiKeys { get; set; }
}
