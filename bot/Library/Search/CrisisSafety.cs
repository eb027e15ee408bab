using ChatOpsReply.Crises;

namespace ChatOpsReply.Library.Search;

/// <summary>
/// The one rule every surface's suggestions and searches go through (<see cref="AnswerLibrary"/>): while any crisis is
/// declared, only answers marked crisis-safe are offered, so nobody sends a cheerful canned line into a crisis. Asked
/// of the declared crises in memory (<see cref="DeclaredCrises"/>), so it costs no store call.
/// </summary>
public sealed class CrisisSafety(DeclaredCrises declared)
{
    /// <summary>Whether a crisis is declared now: answers not marked crisis-safe are hidden.</summary>
    public bool InCrisis => declared.Current.Count > 0;

    /// <summary>The filters as they stand now: limited to crisis-safe answers during a crisis, unless curators are looking over the library.</summary>
    public AnswerFilters Applied(AnswerFilters filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        return InCrisis && !filters.Curating ? filters with { CrisisSafeOnly = true } : filters;
    }
}
