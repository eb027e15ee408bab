namespace ChatOpsReply.Posts;

/// <summary>
/// Something visible to do after a transition was saved, stored in the same write as the
/// transition so it cannot be lost, and removed only once its target accepted it.
/// </summary>
/// <param name="Target">A surface name ("console", "slack", "teams") or <see cref="SourceTarget"/>.</param>
public sealed record OutboxMessage(string Id, string PostId, string Target, OutboxKind Kind, DateTimeOffset CreatedAt)
{
    /// <summary>The target that sends replies to the customer through the post's source.</summary>
    public const string SourceTarget = "source";

    public string? Text { get; init; }

    /// <summary>Person ids to mention.</summary>
    public IReadOnlyList<string> People { get; init; } = [];

    /// <summary>For <see cref="OutboxKind.DeliverReply"/>: which of the post's replies (1-based) to deliver.</summary>
    public int? ReplyNumber { get; init; }

    public DateTimeOffset DueAt { get; init; }

    public int Attempts { get; init; }

    public string? LastError { get; init; }

    /// <summary>For a claimed message: when its lease ends, unless the claimer renews it.</summary>
    public DateTimeOffset? LeaseUntil { get; init; }
}
