namespace ChatOpsReply.Posts;

public sealed record ReplyDraft(string Text, string DraftedBy, DateTimeOffset At)
{
    public CannedAnswerUse? Answer { get; init; }

    public bool NeedsApproval { get; init; }
}
