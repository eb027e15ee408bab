namespace ChatOpsReply.Delivery;

/// <summary>
/// The digests of a burst, shared by every instance: per scope (a surface's channel, e.g.
/// "slack:C0SUPPORT"), which posts wait for a line, and which numbered message of the scope holds
/// each line. A post has at most one line per scope, and a line moves from waiting to one message
/// once, so no line is ever shown twice. A message counts the changes to its lines and remembers
/// how many it has drawn, so a claim is redrawn once, batched with the others.
/// </summary>
public interface IDigestStore
{
    /// <summary>Puts the post on the scope's digest as a waiting line; false when it is on it already.</summary>
    Task<bool> AddAsync(string scope, string postId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>The number of the message holding the post's line, 0 while the line waits; null when the post is not on the digest.</summary>
    Task<int?> MessageOfAsync(string scope, string postId, CancellationToken cancellationToken = default);

    /// <summary>When a line was last added to the scope's digest; null when it never had one.</summary>
    Task<DateTimeOffset?> LastAddedAsync(string scope, CancellationToken cancellationToken = default);

    /// <summary>The post changed (claimed, dismissed): the message holding its line must be drawn again. Nothing for a line still waiting.</summary>
    Task MarkChangedAsync(string scope, string postId, CancellationToken cancellationToken = default);

    /// <summary>Scopes with work: lines waiting for a message, or a message with changes not drawn yet.</summary>
    Task<IReadOnlyList<string>> BusyScopesAsync(CancellationToken cancellationToken = default);

    /// <summary>Takes the scope for <paramref name="holder"/> until <paramref name="until"/>, unless another holds it; true when taken (or held already).</summary>
    Task<bool> TryLeaseAsync(string scope, string holder, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken = default);

    /// <summary>Gives the scope back, if <paramref name="holder"/> still holds it.</summary>
    Task ReleaseAsync(string scope, string holder, CancellationToken cancellationToken = default);

    /// <summary>The scope's newest message and every message with changes not drawn yet (by number), and up to <paramref name="maxWaiting"/> waiting posts, oldest first.</summary>
    Task<DigestState> ReadAsync(string scope, int maxWaiting, CancellationToken cancellationToken = default);

    /// <summary>
    /// Places waiting lines on message <paramref name="message"/> (a new number starts a new message)
    /// and counts a change on it; a post not waiting (placed already, or never
    /// added) is skipped. Returns how many were placed.
    /// </summary>
    Task<int> PlaceAsync(string scope, int message, IReadOnlyList<string> postIds, CancellationToken cancellationToken = default);

    /// <summary>The posts on a message, in the order they were added.</summary>
    Task<IReadOnlyList<string>> LinesAsync(string scope, int message, CancellationToken cancellationToken = default);

    /// <summary>The message was drawn with every change up to <paramref name="changes"/>; a change counted since keeps it to draw.</summary>
    Task MarkDrawnAsync(string scope, int message, long changes, DateTimeOffset now, CancellationToken cancellationToken = default);
}

/// <param name="Messages">By number: the newest, and those with changes to draw.</param>
/// <param name="Waiting">Posts waiting for a line, oldest first.</param>
public sealed record DigestState(IReadOnlyList<DigestMessage> Messages, IReadOnlyList<string> Waiting)
{
    public DigestMessage? Newest => Messages.Count > 0 ? Messages[^1] : null;
}

/// <summary>One message of a digest: how many lines it holds, how many changes it counted and drew, and when it was last drawn (null: never posted).</summary>
public sealed record DigestMessage(int Number, int Lines, long Changes, long Drawn, DateTimeOffset? DrawnAt)
{
    public bool ToDraw => Changes > Drawn;
}
