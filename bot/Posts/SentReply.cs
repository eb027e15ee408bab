namespace ChatOpsReply.Posts;

public sealed record SentReply(string Text, string SentBy, DateTimeOffset At)
{
    public CannedAnswerUse? Answer { get; init; }

    /// <summary>How far the reply got; pending until the outbox hears from the platform.</summary>
    public ReplyDelivery Delivery { get; init; } = ReplyDelivery.Pending;
}
