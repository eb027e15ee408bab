using ChatOpsReply.Posts;

namespace ChatOpsReply.Delivery;

/// <summary>
/// Outbox messages waiting for their target. Messages are added only with a post's change.
/// A claimed message is leased: if its claimer dies, it is offered again when the lease ends.
/// </summary>
public interface IOutbox
{
    /// <summary>
    /// Leases up to <paramref name="max"/> due messages, oldest first. A message is not offered
    /// while an older message for the same post and target is still pending, so a card is
    /// always posted before its thread notes.
    /// </summary>
    Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken = default);

    /// <summary>
    /// Extends the lease of a message still being delivered to <paramref name="until"/>, if the
    /// lease it was claimed with (<see cref="OutboxMessage.LeaseUntil"/>) is still the one held:
    /// a slow call keeps its message from being offered to another instance, and sent twice.
    /// </summary>
    /// <returns>The message with its new lease, or null when the lease was lost (it ran out and the message was offered again).</returns>
    Task<OutboxMessage?> RenewLeaseAsync(OutboxMessage message, DateTimeOffset until, CancellationToken cancellationToken = default);

    /// <summary>The target accepted the message: remove it.</summary>
    Task CompleteAsync(OutboxMessage message, CancellationToken cancellationToken = default);

    /// <summary>Offer the message again at <paramref name="dueAt"/>.</summary>
    Task RetryAsync(OutboxMessage message, DateTimeOffset dueAt, string reason, CancellationToken cancellationToken = default);

    /// <summary>Offer the message again at <paramref name="dueAt"/> without counting an attempt: it was not tried.</summary>
    Task DeferAsync(OutboxMessage message, DateTimeOffset dueAt, string reason, CancellationToken cancellationToken = default);

    /// <summary>Give up on the message but keep it for an operator to see.</summary>
    Task FailAsync(OutboxMessage message, string reason, CancellationToken cancellationToken = default);

    Task<OutboxDepth> DepthAsync(CancellationToken cancellationToken = default);
}

/// <param name="Pending">Messages still to deliver.</param>
/// <param name="Failed">Messages given up on.</param>
public sealed record OutboxDepth(long Pending, long Failed);
