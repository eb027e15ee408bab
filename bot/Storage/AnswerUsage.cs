namespace ChatOpsReply.Storage;

/// <summary>How many sent replies used an answer, and when the last one went out.</summary>
public sealed record AnswerUsage(long Count, DateTimeOffset? LastUsedAt)
{
    public static readonly AnswerUsage None = new(0, null);
}
