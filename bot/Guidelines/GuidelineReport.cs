namespace ChatOpsReply.Guidelines;

/// <summary>What a check found about a reply. Errors block it; warnings are shown to the person and do not block.</summary>
public sealed record GuidelineReport(IReadOnlyList<GuidelineFinding> Findings)
{
    public static readonly GuidelineReport Clean = new([]);

    /// <summary>The errors' sentences, in the order found.</summary>
    public IReadOnlyList<string> Errors => [.. Findings.Where(f => f.IsError).Select(f => f.Message)];

    /// <summary>The warnings' sentences, in the order found.</summary>
    public IReadOnlyList<string> Warnings => [.. Findings.Where(f => !f.IsError).Select(f => f.Message)];

    public bool Passes => !Findings.Any(f => f.IsError);

    /// <summary>This report with more findings after its own.</summary>
    public GuidelineReport With(IEnumerable<GuidelineFinding> more) => new([.. Findings, .. more]);
}
