namespace ChatOpsReply.Posts;

/// <summary>Reads the append-only audit trail. Events are only ever added, with their post's changes.</summary>
public interface IAuditTrail
{
    /// <summary>A post's events, oldest first.</summary>
    Task<IReadOnlyList<AuditEvent>> ForPostAsync(string postId, CancellationToken cancellationToken = default);

    /// <summary>The newest events across all posts, newest first.</summary>
    Task<IReadOnlyList<AuditEvent>> RecentAsync(int limit, CancellationToken cancellationToken = default);
}
