namespace ChatOpsReply.Posts;

public sealed record SentReply(string Text, string SentBy, DateTimeOffset At)
{
    public CannedAnswerUse? Answer { get; init; }
}
