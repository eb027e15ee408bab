using ChatOpsReply.Posts;

namespace ChatOpsReply.Delivery;

/// <summary>Sends an approved reply back to the customer on the post's source.</summary>
public interface IReplySender
{
    /// <summary>Whether this sender talks to the given source ("x", "sms", ...).</summary>
    bool CanSendTo(string source);

    /// <param name="number">Which reply of the post this is, 1-based.</param>
    Task<SurfaceDelivery> SendAsync(CustomerPost post, SentReply reply, int number, CancellationToken cancellationToken);
}
