namespace ChatOpsReply.Crises;

/// <summary>How declared crises take new posts, under <c>Accountability:Crisis:Declared</c>.</summary>
public sealed class DeclaredCrisisOptions
{
    public const string Section = "Accountability:Crisis:Declared";

    /// <summary>
    /// How often each instance reads the declared crises again (one it declared or resolved itself it knows at
    /// once): instances agree within this, and a post another instance took in while it was behind joins then.
    /// </summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(5);
}
