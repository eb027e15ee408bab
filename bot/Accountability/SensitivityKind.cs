namespace ChatOpsReply.Accountability;

/// <summary>A configured kind of sensitive post and who approves replies to it.</summary>
public sealed record SensitivityKind(string Name, string ApproverRole, IReadOnlyDictionary<string, string> Channels)
{
    internal PhraseMatcher Phrases { get; init; } = new([]);
}
