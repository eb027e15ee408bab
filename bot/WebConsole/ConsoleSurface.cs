using ChatOpsReply.Delivery;
using ChatOpsReply.Posts;

namespace ChatOpsReply.WebConsole;

/// <summary>
/// The console as a surface. Its pages render cards from the store on every request, so
/// delivering a message means telling open pages to refresh.
/// </summary>
public sealed class ConsoleSurface(ConsoleEvents events) : IChatSurface
{
    public string Name => SurfaceNames.Console;

    public Task<SurfaceDelivery> DeliverAsync(OutboxMessage message, CustomerPost post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        events.Publish(message.PostId);
        return Task.FromResult(SurfaceDelivery.Delivered);
    }
}
