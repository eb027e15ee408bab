using ChatOpsReply.Library.Model;

namespace ChatOpsReply.Library.Curation;

/// <summary>What a curation step did, with a sentence for the person and, when invalid, a message per field.</summary>
public sealed record CurationResult(CurationOutcome Outcome, string Message)
{
    public CannedAnswer? Answer { get; init; }

    public IReadOnlyDictionary<string, string[]> Errors { get; init; } = new Dictionary<string, string[]>();

    public bool Succeeded => Outcome is CurationOutcome.Saved or CurationOutcome.Unchanged;

    public static CurationResult Saved(CannedAnswer answer, string message) => new(CurationOutcome.Saved, message) { Answer = answer };

    public static CurationResult Unchanged(CannedAnswer answer, string message) => new(CurationOutcome.Unchanged, message) { Answer = answer };

    public static CurationResult Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(CurationOutcome.Invalid, string.Join(" ", errors.SelectMany(e => e.Value))) { Errors = errors };

    public static CurationResult Forbidden(string message) => new(CurationOutcome.Forbidden, message);

    public static CurationResult NotFound(string message) => new(CurationOutcome.NotFound, message);

    public static CurationResult Conflict(string message) => new(CurationOutcome.Conflict, message);
}
