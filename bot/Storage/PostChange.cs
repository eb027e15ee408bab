using ChatOpsReply.Delivery;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Storage;

/// <summary>
/// One transition, written all or nothing: the post's next version (only if the stored one
/// is still <see cref="ExpectedVersion"/>), its audit event, its outbox messages and its SLA
/// timer (from <see cref="CustomerPost.NextSlaDueAt"/>).
/// </summary>
public sealed record PostChange(CustomerPost Post, long ExpectedVersion, AuditEvent Audit, IReadOnlyList<OutboxMessage> Outbox)
{
    /// <summary>Recorded with the change; a second change with the same key is refused.</summary>
    public string? CommandKey { get; init; }

    /// <summary>The customer message this change records (a follow-up), deduplicated like new posts.</summary>
    public IngestKey? Ingest { get; init; }

    /// <summary>The reply this change sends, for frequency caps and delivery tracking.</summary>
    public SentReply? Reply { get; init; }
}
