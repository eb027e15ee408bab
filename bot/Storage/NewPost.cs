using ChatOpsReply.Delivery;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Storage;

/// <summary>A post as it arrives: stored with its "Received" audit event, its first outbox messages and its claim timer.</summary>
public sealed record NewPost(CustomerPost Post, AuditEvent Audit, IReadOnlyList<OutboxMessage> Outbox);
