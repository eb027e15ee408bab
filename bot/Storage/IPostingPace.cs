namespace ChatOpsReply.Storage;

/// <summary>
/// A pace of posting shared by every instance on the store: a token bucket per key (a chat
/// channel), so a burst never goes faster than the platform allows, however many instances
/// deliver it. A message that must wait is given its turn and keeps it when it comes back, so
/// a burst drains in order instead of every message fighting for the next free slot.
/// </summary>
public interface IPostingPace
{
    /// <returns>Null when <paramref name="messageId"/> may post now; else how long until its turn.</returns>
    Task<TimeSpan?> ReserveAsync(string key, string messageId, PaceLimit limit, DateTimeOffset now, CancellationToken cancellationToken = default);
}
