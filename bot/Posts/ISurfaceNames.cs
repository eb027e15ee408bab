namespace ChatOpsReply.Posts;

/// <summary>
/// The places people see posts (the console, Slack, Teams), by name: each gets its own outbox
/// messages, so one surface being down never holds up another. Delivery answers it from the
/// surfaces it delivers to.
/// </summary>
public interface ISurfaceNames
{
    IReadOnlyList<string> Names { get; }
}
