using ChatOpsReply.Delivery;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Sources;

/// <summary>
/// The sender for sources no real sender is configured for: it records the reply as
/// delivered in the store, where the console and the audit show it.
/// </summary>
public sealed class RecordingReplySender(ISentReplies sentReplies, TimeProvider time) : IReplySender
{
    public bool CanSendTo(string source) => true;

    public async Task<SurfaceDelivery> SendAsync(CustomerPost post, SentReply reply, int number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        await sentReplies.MarkDeliveredAsync(post.Id, number, time.GetUtcNow(), externalId: null, cancellationToken).ConfigureAwait(false);
        return SurfaceDelivery.Delivered;
    }
}
