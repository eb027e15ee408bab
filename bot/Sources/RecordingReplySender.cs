using ChatOpsReply.Delivery;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Sources;

/// <summary>
/// The sender for sources no real sender is configured for: the reply goes nowhere, and the post
/// says so plainly ("Not delivered: no sender for this source"), so nobody believes it arrived.
/// </summary>
public sealed class RecordingReplySender : IReplySender
{
    public bool CanSendTo(string source) => true;

    public Task<SurfaceDelivery> SendAsync(CustomerPost post, SentReply reply, int number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        return Task.FromResult(SurfaceDelivery.NoSender($"No sender is configured for {PostLabels.Source(post.Source)} replies: connect the channel, or set Sources:Generic:ReplyUrl."));
    }
}
