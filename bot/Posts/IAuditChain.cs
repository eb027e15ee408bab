namespace ChatOpsReply.Posts;

/// <summary>Reads the audit trail as stored, with its hashes, for <see cref="AuditChain.VerifyAsync"/>.</summary>
public interface IAuditChain
{
    /// <summary>A post's events, oldest first.</summary>
    IAsyncEnumerable<ChainedAuditEvent> ForPostAsync(string postId, CancellationToken cancellationToken = default);

    /// <summary>Every event of every post, in the order the store-wide chain joins them.</summary>
    IAsyncEnumerable<ChainedAuditEvent> AllAsync(CancellationToken cancellationToken = default);
}
