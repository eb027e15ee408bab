using ChatOpsReply.Library.Model;

namespace ChatOpsReply.Library.Search;

/// <summary>What a search is limited to. An answer with no queues (or sources) suits every queue (or source).</summary>
public sealed record AnswerFilters
{
    public static readonly AnswerFilters None = new();

    /// <summary>Approved and draft answers: what people browse. Retired ones only when asked for.</summary>
    public static readonly IReadOnlySet<AnswerStatus> Current = new HashSet<AnswerStatus> { AnswerStatus.Approved, AnswerStatus.Draft };

    public static readonly IReadOnlySet<AnswerStatus> ApprovedOnly = new HashSet<AnswerStatus> { AnswerStatus.Approved };

    public string? Queue { get; init; }

    public string? Source { get; init; }

    public string? Language { get; init; }

    public string? Tag { get; init; }

    /// <summary>Null: <see cref="Current"/>.</summary>
    public IReadOnlySet<AnswerStatus>? Statuses { get; init; }

    /// <summary>Only answers marked crisis-safe (set by <see cref="CrisisSafety"/> while a crisis is declared).</summary>
    public bool CrisisSafeOnly { get; init; }

    /// <summary>Curators looking over the library (the console's library page): every answer, crisis or not.</summary>
    public bool Curating { get; init; }

    public bool Accepts(CannedAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return (Statuses ?? Current).Contains(answer.Status)
            && Suits(answer.Queues, Queue)
            && Suits(answer.Sources, Source)
            && (Language is null || string.Equals(answer.Language, Language, StringComparison.OrdinalIgnoreCase)
                || answer.Language.StartsWith(Language + "-", StringComparison.OrdinalIgnoreCase))
            && (Tag is null || answer.Tags.Contains(Tag, StringComparer.OrdinalIgnoreCase))
            && (!CrisisSafeOnly || answer.CrisisSafe);
    }

    private static bool Suits(IReadOnlyList<string> suits, string? wanted) =>
        wanted is null || suits.Count == 0 || suits.Contains(wanted, StringComparer.OrdinalIgnoreCase);
}
