using System.Threading.Channels;

namespace ChatOpsReply.WebConsole;

/// <summary>Tells open console pages that a post changed, so they refresh (server-sent events).</summary>
public sealed class ConsoleEvents
{
    private readonly Lock _gate = new();
    private readonly List<Channel<string>> _subscribers = [];

    public void Publish(string postId)
    {
        lock (_gate)
        {
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(postId);
            }
        }
    }

    public async IAsyncEnumerable<string> SubscribeAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // A slow page drops old events rather than holding memory: one refresh covers many changes.
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_gate)
        {
            _subscribers.Add(channel);
        }

        try
        {
            await foreach (var postId in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return postId;
            }
        }
        finally
        {
            lock (_gate)
            {
                _subscribers.Remove(channel);
            }
        }
    }
}
