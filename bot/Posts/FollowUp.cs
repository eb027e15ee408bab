namespace ChatOpsReply.Posts;

/// <summary>A later message from the customer in the same thread.</summary>
public sealed record FollowUp(string ExternalId, string Text, DateTimeOffset At)
{
    /// <summary>The whole message when <see cref="Text"/> was trimmed for the card (an e-mail's quoted history).</summary>
    public string? FullText { get; init; }
}
