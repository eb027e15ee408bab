namespace ChatOpsReply.Accountability;

/// <summary>A kind of sensitive post (e.g. "legal") and who must approve replies to it.</summary>
public sealed class SensitivityOptions
{
    public string Name { get; set; } = "";

    /// <summary>The role whose members approve replies to posts of this kind.</summary>
    public string ApproverRole { get; set; } = Roles.Legal;

    /// <summary>Words or phrases that mark a post; matched on word boundaries, ignoring case and accents.</summary>
    public List<string> Phrases { get; set; } = [];

    /// <summary>Where approval requests go, by surface name.</summary>
    public Dictionary<string, string> Channels { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
