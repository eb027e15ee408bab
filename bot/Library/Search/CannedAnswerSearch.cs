using ChatOpsReply.Library.Model;

namespace ChatOpsReply.Library.Search;

/// <summary>
/// The in-process search over the whole library: ranked full-text over title, body and tags,
/// prefixes, one typo in words of five letters or more, filters, approved answers first, and
/// the same order every time for the same answers and query. Safe for concurrent use; writers
/// take turns, searches never wait for a rebuild.
/// </summary>
public sealed class CannedAnswerSearch
{
    /// <summary>More distinct words than this in a query add nothing but time.</summary>
    public const int MaxQueryWords = 32;

    private readonly Lock _write = new();
    private volatile AnswerIndex _index = AnswerIndex.Build([]);

    /// <summary>Live answers in the index.</summary>
    public int Count => _index.Count;

    /// <summary>Replaces the whole index.</summary>
    public void Load(IEnumerable<CannedAnswer> answers)
    {
        var fresh = AnswerIndex.Build(answers);
        lock (_write)
        {
            _index = fresh;
        }
    }

    /// <summary>Adds or replaces answers (an older version than the indexed one is ignored).</summary>
    public void Apply(IReadOnlyCollection<CannedAnswer> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        lock (_write)
        {
            var index = _index;
            if (answers.Count > Math.Max(1000, index.Count / 4) || index.Dead + answers.Count > Math.Max(1000, index.Count))
            {
                // Many changes at once, or many replaced slots: a fresh index is cheaper and compact.
                var merged = index.Current().ToDictionary(a => a.Id, StringComparer.Ordinal);
                foreach (var answer in answers)
                {
                    if (!merged.TryGetValue(answer.Id, out var known) || known.Version < answer.Version)
                    {
                        merged[answer.Id] = answer;
                    }
                }

                _index = AnswerIndex.Build(merged.Values);
            }
            else
            {
                index.Add(answers);
            }
        }
    }

    /// <summary>Whether any answer passes the filters.</summary>
    public bool Any(AnswerFilters filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        return _index.Any(filters);
    }

    public CannedAnswer? Get(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _index.Get(id);
    }

    /// <summary>
    /// The best answers for what a person typed: about half its known words must match (as a
    /// word, a prefix or with a typo). No words: every answer the filters allow, by title.
    /// </summary>
    public IReadOnlyList<CannedAnswer> Search(string? query, AnswerFilters filters, int limit) =>
        Run(query, filters, limit, minimumMatch: null);

    /// <summary>Answers that share any word with a longer text (a customer's post), best first.</summary>
    public IReadOnlyList<CannedAnswer> Related(string text, AnswerFilters filters, int limit) =>
        Run(text, filters, limit, minimumMatch: 1);

    private List<CannedAnswer> Run(string? query, AnswerFilters filters, int limit, int? minimumMatch)
    {
        ArgumentNullException.ThrowIfNull(filters);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var words = SearchText.Terms(query).Distinct(StringComparer.Ordinal).Take(MaxQueryWords).ToList();
        return _index.Search(words, filters, limit, minimumMatch);
    }
}
