namespace ChatOpsReply.Posts;

/// <summary>
/// SLA timers: one per post, set with the post's changes from its next due time. Claimed with
/// a lease, so each due timer is handled by one instance and offered again if that one dies.
/// </summary>
public interface ISlaTimers
{
    Task<IReadOnlyList<DueTimer>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken = default);

    /// <summary>Removes the timer if it still has this due time (a change may have set a new one).</summary>
    Task CompleteAsync(DueTimer timer, CancellationToken cancellationToken = default);
}

/// <summary>A post's SLA timer that has come due.</summary>
public sealed record DueTimer(string PostId, DateTimeOffset DueAt);
