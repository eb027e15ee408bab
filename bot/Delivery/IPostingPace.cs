namespace ChatOpsReply.Delivery;

/// <summary>
/// Paces of posting shared by every instance on the store, per key (a chat channel or thread),
/// so a burst never goes faster than the platform allows, however many instances deliver it.
/// </summary>
public interface IPostingPace
{
    /// <summary>
    /// A token bucket: a message that must wait is given its turn and keeps it when it comes
    /// back, so a burst drains in order instead of every message fighting for the next slot.
    /// </summary>
    /// <returns>Null when <paramref name="messageId"/> may post now; else how long until its turn.</returns>
    Task<TimeSpan?> ReserveAsync(string key, string messageId, PaceLimit limit, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Sliding windows: takes a call now if every window has room, else takes nothing.</summary>
    /// <returns>Null when the call was taken; else how long until every window has room.</returns>
    Task<TimeSpan?> TryTakeAsync(string key, IReadOnlyList<PaceWindow> windows, DateTimeOffset now, CancellationToken cancellationToken = default);
}

/// <summary>One post per <paramref name="Interval"/>, with bursts of up to <paramref name="Burst"/> after a quiet spell.</summary>
public sealed record PaceLimit(int Burst, TimeSpan Interval)
{
    /// <summary>
    /// When set, a message whose turn would come later than this takes no turn: the wait is returned
    /// (longer than this) and the pace is left as it was, so a caller can do something else instead
    /// (put the post on a digest) without pushing every later message back.
    /// </summary>
    public TimeSpan? LongestWait { get; init; }
}

/// <summary>At most <paramref name="Max"/> calls in any <paramref name="Window"/>.</summary>
public sealed record PaceWindow(TimeSpan Window, int Max);
