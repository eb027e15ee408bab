namespace ChatOpsReply.Posts;

/// <summary>
/// Keys of things that must be handled once: a platform's event id redelivered on retry, an
/// activity id. Separate from command keys, which are written with a post's change.
/// </summary>
public interface IIdempotencyKeys
{
    /// <summary>
    /// Records the key unless it was recorded and has not expired. True the first time (handle
    /// it), false for a repeat (skip it). Atomic: of concurrent callers with one key, one wins.
    /// </summary>
    Task<bool> TryRecordAsync(string key, DateTimeOffset now, TimeSpan keepFor, CancellationToken cancellationToken = default);

    /// <summary>Forgets keys that expired before <paramref name="now"/> (a store with native expiry does nothing).</summary>
    Task PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default);
}
