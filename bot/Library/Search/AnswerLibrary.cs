using ChatOpsReply.Accountability;
using ChatOpsReply.Cards;
using ChatOpsReply.Guidelines;
using ChatOpsReply.Library.Model;
using ChatOpsReply.Library.Replies;
using ChatOpsReply.Posts;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Library.Search;

/// <summary>
/// The library as every surface uses it: search, suggestions for a post, and personalisation.
/// Holds the in-process index, loaded from the store at start and kept current from the
/// store's change stamp (so changes made on other instances arrive within a refresh interval).
/// </summary>
/// <remarks>
/// For chat surfaces: <see cref="SearchAsync"/> ranks answers for what someone typed
/// (<c>/replies answers refund</c>, an external select, a messaging extension);
/// <see cref="RenderFor"/> fills an answer in for a post and the person replying, or says what
/// is missing. A draft then names the answer (<c>CommandInputFields.AnswerId/AnswerVersion</c>)
/// with the rendered text, and the library verifies it before the workflow decides.
/// </remarks>
public sealed class AnswerLibrary(ICannedAnswerStore store, IOptions<LibraryOptions> options, CrisisSafety crisis) : IAnswerSuggestions, IDisposable
{
    private readonly CannedAnswerSearch _search = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _stamp = -1;

    public bool IsLoaded => Interlocked.Read(ref _stamp) >= 0;

    /// <summary>Answers in the index (every status).</summary>
    public int Count => _search.Count;

    /// <summary>Brings the index up to date: everything the first time, then what changed since.</summary>
    /// <returns>How many answers were (re)indexed.</returns>
    public async Task<int> RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var first = _stamp < 0;
            var changes = await store.ChangesSinceAsync(Math.Max(0, _stamp), cancellationToken).ConfigureAwait(false);
            if (first)
            {
                _search.Load(changes.Answers);
            }
            else if (changes.Answers.Count > 0)
            {
                _search.Apply(changes.Answers);
            }

            Interlocked.Exchange(ref _stamp, changes.Stamp);
            return changes.Answers.Count;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Indexes answers this instance just saved, so its own searches see them at once.</summary>
    public async Task SavedAsync(IReadOnlyCollection<CannedAnswer> answers, CancellationToken cancellationToken = default)
    {
        await EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _search.Apply(answers);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Ranked answers for what someone typed, with id, version, title and a preview.</summary>
    public async Task<IReadOnlyList<AnswerSuggestion>> SearchAsync(string? query, AnswerFilters filters, int limit, CancellationToken cancellationToken = default) =>
        [.. (await FindAsync(query, filters, limit, cancellationToken).ConfigureAwait(false)).Select(AnswerSuggestion.Of)];

    /// <summary>Like <see cref="SearchAsync"/>, with the whole answers.</summary>
    public async Task<IReadOnlyList<CannedAnswer>> FindAsync(string? query, AnswerFilters filters, int limit, CancellationToken cancellationToken = default)
    {
        await EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
        return _search.Search(query, crisis.Applied(filters), limit);
    }

    /// <summary>Whether any answer passes the filters (say, any approved one for a queue).</summary>
    public async Task<bool> AnyAsync(AnswerFilters filters, CancellationToken cancellationToken = default)
    {
        await EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
        return _search.Any(crisis.Applied(filters));
    }

    /// <summary>The current version as this instance knows it (the store has the last word).</summary>
    public async Task<CannedAnswer?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
        return _search.Get(id);
    }

    /// <summary>The answer filled in for this post and the person replying, or what is missing.</summary>
    public static AnswerRendering RenderFor(CannedAnswer answer, CustomerPost post, Person agent) =>
        AnswerPersonalisation.RenderFor(answer, post, agent);

    /// <summary>The answer filled in for the person alone, with no post (composing in chat): see <see cref="AnswerPersonalisation.RenderForAgent"/>.</summary>
    public static AnswerRendering RenderForAgent(CannedAnswer answer, Person agent) =>
        AnswerPersonalisation.RenderForAgent(answer, agent);

    /// <summary>The approved answers that fit a post best: its words, its queue and its source.</summary>
    public IReadOnlyList<AnswerSuggestion> SuggestFor(CustomerPost post, int? limit = null)
    {
        ArgumentNullException.ThrowIfNull(post);
        var count = limit ?? options.Value.Suggestions;
        if (count <= 0)
        {
            return [];
        }

        var text = string.Join('\n', post.FollowUps.Select(f => f.Text).Prepend(post.Text));
        var filters = crisis.Applied(new AnswerFilters { Queue = post.Queue, Source = post.Source, Statuses = AnswerFilters.ApprovedOnly });
        return [.. _search.Related(text, filters, count).Select(AnswerSuggestion.Of)];
    }

    IReadOnlyList<CardChoice> IAnswerSuggestions.Suggest(CustomerPost post) =>
        [.. SuggestFor(post).Select(s => new CardChoice(s.Id, s.Title))];

    /// <summary>The approved take-it-offline answer (tagged <see cref="LibraryOptions.TakeOfflineTag"/>) closest to the post's words, else the first by title.</summary>
    public SuggestedAnswer? TakeOffline(CustomerPost post)
    {
        ArgumentNullException.ThrowIfNull(post);
        var filters = crisis.Applied(new AnswerFilters { Queue = post.Queue, Source = post.Source, Statuses = AnswerFilters.ApprovedOnly, Tag = options.Value.TakeOfflineTag });
        var text = string.Join('\n', post.FollowUps.Select(f => f.Text).Prepend(post.Text));
        var best = _search.Related(text, filters, 1) is [var related] ? related : _search.Search(null, filters, 1) is [var first] ? first : null;
        return best is null ? null : new SuggestedAnswer(best.Id, best.Title);
    }

    public void Dispose() => _gate.Dispose();

    private async Task EnsureLoadedAsync(CancellationToken cancellationToken)
    {
        if (!IsLoaded)
        {
            await RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
