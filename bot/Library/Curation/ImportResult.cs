using ChatOpsReply.Library.ImportExport;

namespace ChatOpsReply.Library.Curation;

/// <summary>An import: all of it saved, or none of it with every problem found.</summary>
public sealed record ImportResult(CurationOutcome Outcome, string Message)
{
    public int Created { get; init; }

    public int Updated { get; init; }

    public int Unchanged { get; init; }

    public IReadOnlyList<ImportError> Errors { get; init; } = [];

    public bool Succeeded => Outcome == CurationOutcome.Saved;
}
