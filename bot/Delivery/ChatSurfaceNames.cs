using ChatOpsReply.Posts;

namespace ChatOpsReply.Delivery;

/// <summary>The names of the registered surfaces, for the workflow to address its outbox messages to.</summary>
public sealed class ChatSurfaceNames(IEnumerable<IChatSurface> surfaces) : ISurfaceNames
{
    public IReadOnlyList<string> Names { get; } = [.. surfaces.Select(s => s.Name).Distinct(StringComparer.OrdinalIgnoreCase)];
}
