namespace ChatOpsReply.Storage;

/// <summary>A sent reply that used a library answer: reply <paramref name="ReplyNumber"/> (1-based) of the post.</summary>
public sealed record AnswerUse(string AnswerId, int Version, string PostId, int ReplyNumber, DateTimeOffset At);
