using ChatOpsReply.Delivery;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Tests.Support;

/// <summary>
/// A customer channel for tests about something else than a platform: it takes every reply (or, while
/// <see cref="Down"/>, asks for a retry) and records what reached the customer.
/// </summary>
public sealed class AcceptingReplySender : IReplySender
{
    private int _ids;

    public bool Down { get; set; }

    public List<string> Sent { get; } = [];

    public bool CanSendTo(string source) => true;

    public Task<SurfaceDelivery> SendAsync(CustomerPost post, SentReply reply, int number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (Down)
        {
            return Task.FromResult(SurfaceDelivery.Retry("the source is down"));
        }

        lock (Sent)
        {
            Sent.Add(reply.Text);
        }

        return Task.FromResult(SurfaceDelivery.Accepted($"reply-{Interlocked.Increment(ref _ids)}"));
    }
}
