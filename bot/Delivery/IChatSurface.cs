using ChatOpsReply.Posts;

namespace ChatOpsReply.Delivery;

/// <summary>
/// A place where people see and work posts: the console, Slack, Teams. The outbox hands
/// each surface its messages; the surface renders the post's current card itself, so a
/// late or repeated message shows the latest state rather than a stale one.
/// </summary>
public interface IChatSurface
{
    /// <summary>Lower-case name used as the outbox target and in queue channel settings.</summary>
    string Name { get; }

    Task<SurfaceDelivery> DeliverAsync(OutboxMessage message, CustomerPost post, CancellationToken cancellationToken);

    /// <summary>
    /// A message about no one post (<see cref="OutboxKind.SpikeAlert"/>: its post id names the spike). A surface
    /// without a crisis room takes it and shows nothing.
    /// </summary>
    Task<SurfaceDelivery> DeliverAlertAsync(OutboxMessage message, CancellationToken cancellationToken) => Task.FromResult(SurfaceDelivery.Delivered);
}
