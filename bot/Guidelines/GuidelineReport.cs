namespace ChatOpsReply.Guidelines;

/// <summary>Errors block a reply; warnings are shown to the person and do not block.</summary>
public sealed record GuidelineReport(IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings)
{
    public bool Passes => Errors.Count == 0;
}
