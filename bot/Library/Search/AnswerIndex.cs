using System.Runtime.InteropServices;
using ChatOpsReply.Library.Model;

namespace ChatOpsReply.Library.Search;

/// <summary>
/// An inverted index over answers' titles, tags and bodies, ranked with BM25F (title words
/// weigh most, then tags, then the body). Query words also match as prefixes and, from five
/// letters on, with one typo (found through a table of one-letter deletions, as SymSpell does).
/// Replacing an answer marks its old slot dead; <see cref="CannedAnswerSearch"/> rebuilds when
/// dead slots pile up. Scores depend only on the live answers, so every instance holding the
/// same answers ranks them the same.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "A replaced index may still serve searches in flight, so nobody can tell when to dispose its lock; the lock's wait handles are SafeHandles the GC releases.")]
internal sealed class AnswerIndex
{
    private const float TitleWeight = 3f;
    private const float TagWeight = 2f;
    private const float BodyWeight = 1f;
    private const float K1 = 1.2f;
    private const float B = 0.75f;
    private const float TypoWeight = 0.7f;
    private const int MaxPrefixExpansions = 48;
    private const int TypoMinLength = 5;

    [ThreadStatic]
    private static Scratch? t_scratch;

    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);

    private readonly Dictionary<string, int> _termIds = new(StringComparer.Ordinal);
    private readonly List<string> _terms = [];
    private readonly List<List<Posting>> _postings = [];
    private readonly List<int> _docFreq = [];
    private readonly List<int> _sorted = [];
    private readonly Dictionary<string, int> _deleteHeads = new(StringComparer.Ordinal);
    private readonly List<(int Term, int Next)> _deleteChain = [];

    private readonly List<CannedAnswer> _answers = [];
    private readonly List<int[]> _docTerms = [];
    private readonly List<int> _titleLength = [];
    private readonly List<int> _tagLength = [];
    private readonly List<int> _bodyLength = [];
    private readonly List<bool> _alive = [];
    private readonly Dictionary<string, int> _slotOf = new(StringComparer.Ordinal);
    private long _sumTitle;
    private long _sumTags;
    private long _sumBody;

    private AnswerIndex()
    {
    }

    /// <summary>Live answers.</summary>
    public int Count { get; private set; }

    /// <summary>Slots of replaced answers, still in the postings.</summary>
    public int Dead => _answers.Count - Count;

    public static AnswerIndex Build(IEnumerable<CannedAnswer> answers)
    {
        var index = new AnswerIndex();
        foreach (var answer in answers)
        {
            index.AddOne(answer, bulk: true);
        }

        index._sorted.AddRange(Enumerable.Range(0, index._terms.Count));
        index._sorted.Sort((a, b) => string.CompareOrdinal(index._terms[a], index._terms[b]));
        for (var id = 0; id < index._terms.Count; id++)
        {
            index.AddDeletes(id);
        }

        return index;
    }

    /// <summary>Adds or replaces answers, keeping the newer version of each.</summary>
    public void Add(IEnumerable<CannedAnswer> answers)
    {
        _lock.EnterWriteLock();
        try
        {
            foreach (var answer in answers)
            {
                AddOne(answer, bulk: false);
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public CannedAnswer? Get(string id)
    {
        _lock.EnterReadLock();
        try
        {
            return _slotOf.TryGetValue(id, out var slot) ? _answers[slot] : null;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>The live answers, in no particular order.</summary>
    public List<CannedAnswer> Current()
    {
        _lock.EnterReadLock();
        try
        {
            return [.. _slotOf.Values.Select(slot => _answers[slot])];
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <param name="minimumMatch">Null: about half the query's known words must match; otherwise this many.</param>
    public List<CannedAnswer> Search(IReadOnlyList<string> queryTerms, AnswerFilters filters, int limit, int? minimumMatch)
    {
        _lock.EnterReadLock();
        try
        {
            return queryTerms.Count == 0 ? Browse(filters, limit) : Score(queryTerms, filters, limit, minimumMatch);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Whether any live answer passes the filters (stops at the first).</summary>
    public bool Any(AnswerFilters filters)
    {
        _lock.EnterReadLock();
        try
        {
            foreach (var slot in _slotOf.Values)
            {
                if (filters.Accepts(_answers[slot]))
                {
                    return true;
                }
            }

            return false;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private List<CannedAnswer> Browse(AnswerFilters filters, int limit)
    {
        var best = new PriorityQueue<int, Rank>(limit + 1, Rank.WorstFirst);
        foreach (var slot in _slotOf.Values)
        {
            var answer = _answers[slot];
            if (filters.Accepts(answer))
            {
                Offer(best, slot, new Rank(StatusOrder(answer.Status), 0, answer.Title, answer.Id), limit);
            }
        }

        return Drain(best);
    }

    private List<CannedAnswer> Score(IReadOnlyList<string> queryTerms, AnswerFilters filters, int limit, int? minimumMatch)
    {
        var scratch = Scratch.For(_answers.Count);
        var alive = CollectionsMarshal.AsSpan(_alive);
        var known = 0;
        var avgTitle = Math.Max(1f, _sumTitle / (float)Math.Max(1, Count));
        var avgTags = Math.Max(1f, _sumTags / (float)Math.Max(1, Count));
        var avgBody = Math.Max(1f, _sumBody / (float)Math.Max(1, Count));
        var titleLength = CollectionsMarshal.AsSpan(_titleLength);
        var tagLength = CollectionsMarshal.AsSpan(_tagLength);
        var bodyLength = CollectionsMarshal.AsSpan(_bodyLength);
        for (var q = 0; q < queryTerms.Count; q++)
        {
            var expansions = Expand(queryTerms[q], prefixFrom: q == queryTerms.Count - 1 ? 2 : 3);
            if (expansions.Count == 0)
            {
                continue;
            }

            known++;
            foreach (var (termId, weight) in expansions)
            {
                var df = _docFreq[termId];
                var idf = MathF.Log(1f + ((Count - df + 0.5f) / (df + 0.5f)));
                foreach (ref readonly var p in CollectionsMarshal.AsSpan(_postings[termId]))
                {
                    if (!alive[p.Slot])
                    {
                        continue;
                    }

                    var tf = (TitleWeight * p.Title / (1 - B + (B * titleLength[p.Slot] / avgTitle)))
                        + (TagWeight * p.Tags / (1 - B + (B * tagLength[p.Slot] / avgTags)))
                        + (BodyWeight * p.Body / (1 - B + (B * bodyLength[p.Slot] / avgBody)));
                    var score = weight * idf * tf * (K1 + 1) / (tf + K1);
                    ref var best = ref scratch.Best[p.Slot];
                    if (score > best)
                    {
                        if (best == 0)
                        {
                            scratch.TermTouched.Add(p.Slot);
                        }

                        best = score;
                    }
                }
            }

            foreach (var slot in scratch.TermTouched)
            {
                if (scratch.Matched[slot] == 0)
                {
                    scratch.Touched.Add(slot);
                }

                scratch.Total[slot] += scratch.Best[slot];
                scratch.Matched[slot]++;
                scratch.Best[slot] = 0;
            }

            scratch.TermTouched.Clear();
        }

        var needed = minimumMatch ?? (known <= 2 ? 1 : (known + 1) / 2);
        var ranked = new PriorityQueue<int, Rank>(limit + 1, Rank.WorstFirst);
        foreach (var slot in scratch.Touched)
        {
            var matched = scratch.Matched[slot];
            var total = scratch.Total[slot];
            scratch.Matched[slot] = 0;
            scratch.Total[slot] = 0;
            var answer = _answers[slot];
            if (matched < needed || !filters.Accepts(answer))
            {
                continue;
            }

            var coverage = matched / (float)known;
            Offer(ranked, slot, new Rank(StatusOrder(answer.Status), total * coverage * coverage, null, answer.Id), limit);
        }

        scratch.Touched.Clear();
        return Drain(ranked);
    }

    private static void Offer(PriorityQueue<int, Rank> queue, int slot, Rank rank, int limit)
    {
        if (queue.Count < limit)
        {
            queue.Enqueue(slot, rank);
        }
        else if (limit > 0 && queue.TryPeek(out _, out var worst) && Rank.WorstFirst.Compare(rank, worst) > 0)
        {
            queue.DequeueEnqueue(slot, rank);
        }
    }

    private List<CannedAnswer> Drain(PriorityQueue<int, Rank> queue)
    {
        var result = new CannedAnswer[queue.Count];
        for (var i = result.Length - 1; i >= 0; i--)
        {
            result[i] = _answers[queue.Dequeue()];
        }

        return [.. result];
    }

    /// <summary>The index terms a query word stands for, each with how much a match on it counts.</summary>
    private List<(int Term, float Weight)> Expand(string word, int prefixFrom)
    {
        var found = new List<(int Term, float Weight)>();
        var exact = _termIds.TryGetValue(word, out var id0) ? id0 : -1;
        if (exact >= 0 && _docFreq[exact] > 0)
        {
            found.Add((exact, 1f));
        }

        if (word.Length >= prefixFrom)
        {
            var prefixed = new List<int>();
            var at = LowerBound(word);
            for (var i = at; i < _sorted.Count && _terms[_sorted[i]].StartsWith(word, StringComparison.Ordinal); i++)
            {
                var id = _sorted[i];
                if (id != exact && _docFreq[id] > 0)
                {
                    prefixed.Add(id);
                }
            }

            if (prefixed.Count > MaxPrefixExpansions)
            {
                // The most common completions are the likeliest meant.
                prefixed.Sort((a, b) => _docFreq[b] != _docFreq[a] ? _docFreq[b] - _docFreq[a] : string.CompareOrdinal(_terms[a], _terms[b]));
                prefixed.RemoveRange(MaxPrefixExpansions, prefixed.Count - MaxPrefixExpansions);
            }

            found.AddRange(prefixed.Select(id => (id, 0.55f + (0.35f * word.Length / _terms[id].Length))));
        }

        if (word.Length >= TypoMinLength)
        {
            foreach (var id in Typos(word))
            {
                if (!found.Exists(f => f.Term == id))
                {
                    found.Add((id, TypoWeight));
                }
            }
        }

        return found;
    }

    /// <summary>Live terms one edit (insert, delete, substitute, swap) away from the word.</summary>
    private HashSet<int> Typos(string word)
    {
        var candidates = new HashSet<int>();
        void Consider(string key)
        {
            if (_termIds.TryGetValue(key, out var id))
            {
                candidates.Add(id);
            }

            if (_deleteHeads.TryGetValue(key, out var at))
            {
                for (; at >= 0; at = _deleteChain[at].Next)
                {
                    candidates.Add(_deleteChain[at].Term);
                }
            }
        }

        Consider(word);
        for (var i = 0; i < word.Length; i++)
        {
            Consider(word.Remove(i, 1));
        }

        candidates.RemoveWhere(id => _docFreq[id] == 0 || _terms[id] == word || !SearchText.WithinDistance(word, _terms[id], 1));
        return candidates;
    }

    private int LowerBound(string word)
    {
        int lo = 0, hi = _sorted.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (string.CompareOrdinal(_terms[_sorted[mid]], word) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private void AddOne(CannedAnswer answer, bool bulk)
    {
        if (_slotOf.TryGetValue(answer.Id, out var old))
        {
            if (_answers[old].Version >= answer.Version)
            {
                return;
            }

            Remove(old);
        }

        var slot = _answers.Count;
        var title = SearchText.Terms(answer.Title);
        var tags = SearchText.Terms(string.Join(' ', answer.Tags));
        var body = SearchText.Terms(AnswerTemplate.WithoutPlaceholders(answer.Body));
        var counts = new Dictionary<string, (int Title, int Tags, int Body)>(StringComparer.Ordinal);
        foreach (var t in title)
        {
            var c = counts.GetValueOrDefault(t);
            counts[t] = (c.Title + 1, c.Tags, c.Body);
        }

        foreach (var t in tags)
        {
            var c = counts.GetValueOrDefault(t);
            counts[t] = (c.Title, c.Tags + 1, c.Body);
        }

        foreach (var t in body)
        {
            var c = counts.GetValueOrDefault(t);
            counts[t] = (c.Title, c.Tags, c.Body + 1);
        }

        var ids = new int[counts.Count];
        var n = 0;
        foreach (var (term, c) in counts)
        {
            var id = TermId(term, bulk);
            _postings[id].Add(new Posting(slot, (byte)Math.Min(c.Title, 255), (byte)Math.Min(c.Tags, 255), (ushort)Math.Min(c.Body, ushort.MaxValue)));
            _docFreq[id]++;
            ids[n++] = id;
        }

        _answers.Add(answer);
        _docTerms.Add(ids);
        _titleLength.Add(title.Count);
        _tagLength.Add(tags.Count);
        _bodyLength.Add(body.Count);
        _alive.Add(true);
        _slotOf[answer.Id] = slot;
        _sumTitle += title.Count;
        _sumTags += tags.Count;
        _sumBody += body.Count;
        Count++;
    }

    private void Remove(int slot)
    {
        _alive[slot] = false;
        foreach (var id in _docTerms[slot])
        {
            _docFreq[id]--;
        }

        _sumTitle -= _titleLength[slot];
        _sumTags -= _tagLength[slot];
        _sumBody -= _bodyLength[slot];
        _slotOf.Remove(_answers[slot].Id);
        Count--;
    }

    private int TermId(string term, bool bulk)
    {
        if (_termIds.TryGetValue(term, out var id))
        {
            return id;
        }

        id = _terms.Count;
        _termIds[term] = id;
        _terms.Add(term);
        _postings.Add([]);
        _docFreq.Add(0);
        if (!bulk)
        {
            _sorted.Insert(LowerBound(term), id);
            AddDeletes(id);
        }

        return id;
    }

    private void AddDeletes(int id)
    {
        var term = _terms[id];
        if (term.Length < TypoMinLength - 1)
        {
            return;
        }

        for (var i = 0; i < term.Length; i++)
        {
            var key = term.Remove(i, 1);
            _deleteChain.Add((id, _deleteHeads.TryGetValue(key, out var head) ? head : -1));
            _deleteHeads[key] = _deleteChain.Count - 1;
        }
    }

    private static byte StatusOrder(AnswerStatus status) => status switch
    {
        AnswerStatus.Approved => 0,
        AnswerStatus.Draft => 1,
        _ => 2,
    };

    /// <summary>How often a term occurs in each field of one answer.</summary>
    private readonly record struct Posting(int Slot, byte Title, byte Tags, ushort Body);

    /// <summary>Approved before draft before retired, then by score, then by title (when browsing), then by id.</summary>
    private readonly record struct Rank(byte Status, float Score, string? Title, string Id)
    {
        public static readonly Comparer<Rank> WorstFirst = Comparer<Rank>.Create((a, b) => -Better(a, b));

        /// <summary>Negative when <paramref name="a"/> ranks above <paramref name="b"/>.</summary>
        private static int Better(Rank a, Rank b)
        {
            if (a.Status != b.Status)
            {
                return a.Status.CompareTo(b.Status);
            }

            if (a.Score != b.Score)
            {
                return b.Score.CompareTo(a.Score);
            }

            var title = StringComparer.OrdinalIgnoreCase.Compare(a.Title, b.Title);
            return title != 0 ? title : string.CompareOrdinal(a.Id, b.Id);
        }
    }

    /// <summary>Per-thread score arrays, kept zeroed between queries (only touched entries are reset).</summary>
    private sealed class Scratch
    {
        public float[] Best = [];
        public float[] Total = [];
        public byte[] Matched = [];
        public readonly List<int> TermTouched = [];
        public readonly List<int> Touched = [];

        public static Scratch For(int slots)
        {
            var scratch = t_scratch ??= new Scratch();
            if (scratch.Best.Length < slots)
            {
                var size = Math.Max(slots, scratch.Best.Length * 2);
                scratch.Best = new float[size];
                scratch.Total = new float[size];
                scratch.Matched = new byte[size];
            }

            return scratch;
        }
    }
}
