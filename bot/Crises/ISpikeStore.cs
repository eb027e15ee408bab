using ChatOpsReply.Posts;

namespace ChatOpsReply.Crises;

/// <summary>
/// Arrivals per queue and topic term, and the spikes found in them, kept in the store so every
/// instance counts the same posts and one alert goes out for a spike however many instances see it.
/// </summary>
public interface ISpikeStore
{
    /// <summary>
    /// Counts each arrival under each of its terms, in one write, and answers the counts of every queue and
    /// term counted, as they are with them all: over the window ending with the queue's latest arrival, in the
    /// order the terms first appear.
    /// </summary>
    Task<IReadOnlyList<TermCounts>> CountAsync(IReadOnlyList<TopicArrival> arrivals, CancellationToken cancellationToken = default);

    /// <summary>Counts one post under each of its terms and answers each term's counts as they are with it.</summary>
    Task<IReadOnlyList<TermCounts>> CountAsync(TopicArrival arrival, CancellationToken cancellationToken = default) => CountAsync([arrival], cancellationToken);

    /// <summary>
    /// Records <paramref name="spike"/> and its alert messages in one write, unless a spike of the same
    /// queue whose terms have one of the words of <paramref name="related"/> (or of its own terms) is still
    /// live or silenced: then that one is extended to the new spike's end and answered, and nothing is sent.
    /// </summary>
    /// <param name="related">
    /// The terms of the post that found it: a post with a word in common with a spike going on is part of that
    /// spike ("reset email" and "email never" are one burst of mails that never came).
    /// </param>
    Task<SpikeOpening> OpenAsync(Spike spike, IReadOnlyList<string> related, IReadOnlyList<OutboxMessage> alert, CancellationToken cancellationToken = default);

    Task<Spike?> GetAsync(string spikeId, CancellationToken cancellationToken = default);

    /// <summary>
    /// "Not a crisis": the spike and its terms stay quiet until <paramref name="until"/>, and the alert is
    /// shown again with who said so (<paramref name="refresh"/>, in the same write). Null for an unknown spike;
    /// a spike already silenced or declared is answered as it is, with nothing written.
    /// </summary>
    Task<Spike?> SilenceAsync(string spikeId, string by, DateTimeOffset until, IReadOnlyList<OutboxMessage> refresh, CancellationToken cancellationToken = default);
}

/// <param name="Queue">The queue the post was routed to.</param>
/// <param name="Terms">Its topic terms (<see cref="TopicTerms"/>).</param>
/// <param name="WindowMinutes">How many one-minute buckets, the current one last, to answer.</param>
/// <param name="BaselineWeeks">How many past weeks of the same hour of the week to answer.</param>
public sealed record TopicArrival(string Queue, IReadOnlyList<string> Terms, string PostId, DateTimeOffset At, int WindowMinutes, int BaselineWeeks)
{
    public const long MinuteMs = 60_000;
    public const long HourMs = 60 * MinuteMs;
    public const long WeekMs = 7 * 24 * HourMs;

    /// <summary>The start of the arrival's minute, in unix milliseconds: its bucket.</summary>
    public long Minute => AtMs - (AtMs % MinuteMs);

    /// <summary>The start of the arrival's hour, in unix milliseconds.</summary>
    public long Hour => AtMs - (AtMs % HourMs);

    /// <summary>The start of the window's first minute.</summary>
    public long FirstMinute => Minute - ((WindowMinutes - 1) * MinuteMs);

    public long AtMs => At.ToUnixTimeMilliseconds();
}

/// <param name="Minutes">Arrivals a minute over the window, oldest first, the arrival's own minute last.</param>
/// <param name="PastWeeks">Arrivals in the arrival's hour of the week, one week back first.</param>
/// <param name="RecentPosts">The latest posts counted under the term, newest first (at most three).</param>
public sealed record TermCounts(string Queue, string Term, IReadOnlyList<int> Minutes, IReadOnlyList<int> PastWeeks, IReadOnlyList<string> RecentPosts)
{
    public int InWindow => Minutes.Sum();
}

public enum SpikeStatus
{
    /// <summary>Alerted; nobody has said yet what it is.</summary>
    Alerted,

    /// <summary>Someone of the crisis team said it is not a crisis.</summary>
    NotACrisis,
}

/// <summary>A burst of posts on one topic in one queue, as its alert shows it.</summary>
/// <param name="Terms">The topic's terms that are over the threshold, the busiest first.</param>
/// <param name="FoundAt">When it was found; its window ends then.</param>
/// <param name="Until">While it lasts: a later burst sharing a term before then is this spike, not a new one.</param>
/// <param name="Count">Posts in the window when it was found.</param>
/// <param name="Baseline">The usual number of posts in such a window at this hour of the week.</param>
/// <param name="Minutes">The window's arrivals a minute, for the sparkline.</param>
/// <param name="SamplePosts">Up to three of its posts.</param>
public sealed record Spike(
    string Id,
    string Queue,
    IReadOnlyList<string> Terms,
    DateTimeOffset FoundAt,
    DateTimeOffset Until,
    int Count,
    double Baseline,
    IReadOnlyList<int> Minutes,
    IReadOnlyList<string> SamplePosts)
{
    public SpikeStatus Status { get; init; } = SpikeStatus.Alerted;

    public string? SilencedBy { get; init; }

    public DateTimeOffset? SilencedUntil { get; init; }

    /// <summary>The words its terms are made of: a post with one of them is part of the spike while it lasts.</summary>
    public static IEnumerable<string> WordsOf(IEnumerable<string> terms) => terms.SelectMany(t => t.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal);

    /// <summary>Whether a burst on one of its terms at <paramref name="now"/> is still this spike.</summary>
    public bool CoversAt(DateTimeOffset now) => Until > now || SilencedUntil > now;
}

/// <param name="Opened">True when this spike is new (its alert goes out); false when it is an earlier one still going.</param>
public sealed record SpikeOpening(Spike Spike, bool Opened);
