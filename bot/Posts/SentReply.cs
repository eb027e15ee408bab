namespace ChatOpsReply.Posts;

public sealed record SentReply(string Text, string SentBy, DateTimeOffset At)
{
    public CannedAnswerUse? Answer { get; init; }

    /// <summary>The declared crisis whose holding statement this reply is; null for a reply someone wrote or chose for the post.</summary>
    public string? HoldingFor { get; init; }

    /// <summary>How far the reply got; pending until the outbox hears from the platform.</summary>
    public ReplyDelivery Delivery { get; init; } = ReplyDelivery.Pending;
}
