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

    /// <summary>
    /// Starts listening now, before the page is told the stream is open, so nothing published after
    /// that is missed; dispose to stop.
    /// </summary>
    public Subscription Subscribe()
    {
        // A slow page drops old events rather than holding memory: one refresh covers many changes.
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_gate)
        {
            _subscribers.Add(channel);
        }

        return new Subscription(this, channel);
    }

    private void Remove(Channel<string> channel)
    {
        lock (_gate)
        {
            _subscribers.Remove(channel);
        }
    }

    /// <summary>One open page's events.</summary>
    public sealed class Subscription(ConsoleEvents events, Channel<string> channel) : IDisposable
    {
        public IAsyncEnumerable<string> ReadAllAsync(CancellationToken cancellationToken) => channel.Reader.ReadAllAsync(cancellationToken);

        public void Dispose() => events.Remove(channel);
    }
}
