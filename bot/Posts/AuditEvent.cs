namespace ChatOpsReply.Posts;

/// <summary>One line of a post's append-only history: who did what, when, from which state to which.</summary>
/// <param name="Action">The trigger, or <see cref="AuditAction.Received"/> for the post's arrival.</param>
/// <param name="Detail">What travelled with the action: the draft text, the answer used, the person assigned.</param>
public sealed record AuditEvent(
    string PostId,
    DateTimeOffset At,
    string ActorId,
    string ActorName,
    AuditAction Action,
    PostState? From,
    PostState To,
    string Surface,
    string? Comment,
    string? Detail)
{
    /// <summary>Position in the post's trail; assigned by the store.</summary>
    public long Sequence { get; init; }

    /// <summary>
    /// The fields erased at a customer's request, each with the digest of what it held, so the
    /// event's content hash, and the chain through it, still verify (<see cref="AuditChain"/>).
    /// </summary>
    public IReadOnlyDictionary<string, string>? Redacted { get; init; }
}
