using System.Text.Json.Serialization;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Crises;

/// <summary>
/// Declared crises, kept in the store so every instance moves the same posts into the same crisis
/// and a second "Declare crisis" on the same topic finds the first.
/// </summary>
public interface ICrisisStore
{
    /// <summary>
    /// Records <paramref name="crisis"/> with its alert's messages (<paramref name="refresh"/>) in one write, unless a
    /// declared crisis is of the same spike, or of the same queue with a word of its terms in common: then that one is
    /// answered, and nothing is written.
    /// </summary>
    Task<CrisisDeclaring> DeclareAsync(Crisis crisis, IReadOnlyList<OutboxMessage> refresh, CancellationToken cancellationToken = default);

    Task<Crisis?> GetAsync(string crisisId, CancellationToken cancellationToken = default);

    /// <summary>The latest crisis declared on a spike, declared or resolved; null when none was.</summary>
    Task<Crisis?> OfSpikeAsync(string spikeId, CancellationToken cancellationToken = default);

    /// <summary>Every crisis still declared, the oldest first.</summary>
    Task<IReadOnlyList<Crisis>> DeclaredAsync(CancellationToken cancellationToken = default);

    /// <summary>The latest crises, declared or resolved, the newest first.</summary>
    Task<IReadOnlyList<Crisis>> LatestAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks the crisis resolved by <paramref name="by"/> with its alert's messages in the same write. Null for an
    /// unknown crisis; one resolved already is answered as it is, with nothing written.
    /// </summary>
    Task<Crisis?> ResolveAsync(string crisisId, string by, DateTimeOffset at, IReadOnlyList<OutboxMessage> refresh, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records <paramref name="proposal"/> as the crisis's holding statement, with its alert's messages, while the crisis is
    /// declared and has none waiting for approval or approved (a rejected one is replaced). Otherwise the crisis is answered
    /// as it is, with nothing written, so a second proposal never silently overwrites the first. Null for an unknown crisis.
    /// </summary>
    Task<Crisis?> ProposeHoldingAsync(string crisisId, HoldingStatement proposal, IReadOnlyList<OutboxMessage> refresh, CancellationToken cancellationToken = default);

    /// <summary>
    /// Approves or rejects the holding statement <paramref name="decided"/> names (by its id), with its alert's messages,
    /// only while that one still waits for approval on a declared crisis; otherwise the crisis is answered as it is. Null
    /// for an unknown crisis.
    /// </summary>
    Task<Crisis?> DecideHoldingAsync(string crisisId, HoldingStatement decided, IReadOnlyList<OutboxMessage> refresh, CancellationToken cancellationToken = default);

    /// <summary>
    /// What became of the holding statement on posts of the crisis (the first word on a post stays), with its alert's
    /// messages so the alert says how it went.
    /// </summary>
    Task RecordHoldingOutcomesAsync(string crisisId, IReadOnlyList<HoldingOutcome> outcomes, IReadOnlyList<OutboxMessage> refresh, CancellationToken cancellationToken = default);

    /// <summary>What became of the holding statement on each post it was meant for, in no particular order.</summary>
    Task<IReadOnlyList<HoldingOutcome>> HoldingOutcomesAsync(string crisisId, CancellationToken cancellationToken = default);
}

public enum CrisisStatus
{
    Declared,
    Resolved,
}

/// <summary>
/// A crisis someone declared: the posts of <see cref="Queue"/> with a word of <see cref="Terms"/>, received from
/// <see cref="WindowStart"/> on, are in it while it is declared.
/// </summary>
/// <param name="SpikeId">The spike it was declared on; null when declared by terms.</param>
public sealed record Crisis(string Id, string Queue, IReadOnlyList<string> Terms, DateTimeOffset WindowStart, string? SpikeId, string DeclaredBy, DateTimeOffset DeclaredAt)
{
    public CrisisStatus Status { get; init; } = CrisisStatus.Declared;

    public string? ResolvedBy { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>The approved answer chosen to go to each of its posts, once someone chose one.</summary>
    public HoldingStatement? Holding { get; init; }

    /// <summary>The words of its terms (<see cref="Spike.WordsOf"/>): a post with one of them is about it.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Words => [.. Spike.WordsOf(Terms)];

    /// <summary>Whether <paramref name="post"/> is one it takes: same queue, received in its window or later, with one of its words.</summary>
    public bool Covers(CustomerPost post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return string.Equals(post.Queue, Queue, StringComparison.Ordinal)
            && post.ReceivedAt >= WindowStart
            && TopicTerms.WordsOf(post.Text).Intersect(Words, StringComparer.Ordinal).Any();
    }

    /// <summary>Whether the two would take some of the same posts: same queue, a word in common.</summary>
    public bool Overlaps(Crisis other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return string.Equals(other.Queue, Queue, StringComparison.Ordinal) && other.Words.Intersect(Words, StringComparer.Ordinal).Any();
    }
}

/// <param name="Declared">True when this crisis was recorded now; false when <paramref name="Crisis"/> is one declared before.</param>
public sealed record CrisisDeclaring(Crisis Crisis, bool Declared);

public enum HoldingStatus
{
    Proposed,
    Approved,
    Rejected,
}

/// <summary>
/// The library answer someone chose to send to every post of a crisis while the team works them (version
/// <see cref="AnswerVersion"/>, exactly as the library approved it, each post's placeholders filled in), and the
/// second person's decision on it.
/// </summary>
/// <param name="Id">This proposal, so a decision clicked on an older one never applies to a newer one.</param>
public sealed record HoldingStatement(string Id, string AnswerId, int AnswerVersion, string Title, string ChosenBy, DateTimeOffset ChosenAt)
{
    public HoldingStatus Status { get; init; } = HoldingStatus.Proposed;

    public string? DecidedBy { get; init; }

    public DateTimeOffset? DecidedAt { get; init; }

    /// <summary>Why it was rejected (required then), or the approver's comment.</summary>
    public string? Reason { get; init; }
}

/// <summary>What became of the holding statement on one post: handed to its channel's sender, or not, and why.</summary>
public sealed record HoldingOutcome(string PostId, bool Sent, string? Reason, DateTimeOffset At);
