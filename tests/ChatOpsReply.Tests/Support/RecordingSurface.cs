using System.Collections.Concurrent;
using ChatOpsReply.Delivery;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Tests.Support;

/// <summary>
/// A surface that remembers what it was asked to show, and can be told to fail, the way a
/// chat platform does, so the outbox's behaviour can be seen from outside.
/// </summary>
public sealed class RecordingSurface : IChatSurface
{
    public const string SurfaceName = "recorder";

    private int _failuresLeft;

    public string Name => SurfaceName;

    public ConcurrentQueue<(OutboxMessage Message, PostState State)> Delivered { get; } = new();

    private int _attempts;

    public int Attempts => _attempts;

    /// <summary>The next <paramref name="times"/> deliveries answer with this result instead of succeeding.</summary>
    public SurfaceDelivery? FailWith { get; private set; }

    public void Fail(int times, SurfaceDelivery result)
    {
        _failuresLeft = times;
        FailWith = result;
    }

    public IEnumerable<OutboxMessage> Of(OutboxKind kind) => Delivered.Select(d => d.Message).Where(m => m.Kind == kind);

    public Task<SurfaceDelivery> DeliverAsync(OutboxMessage message, CustomerPost post, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _attempts);
        if (FailWith is { } failure && Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            return Task.FromResult(failure);
        }

        Delivered.Enqueue((message, post.State));
        return Task.FromResult(SurfaceDelivery.Delivered);
    }
}
