namespace ChatOpsReply.Accountability;

public sealed class CrisisOptions
{
    /// <summary>Whoever has this role is paged when someone hits the panic button.</summary>
    public string Role { get; set; } = Roles.Crisis;

    /// <summary>The crisis room on each surface, by surface name.</summary>
    public Dictionary<string, string> Channels { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
