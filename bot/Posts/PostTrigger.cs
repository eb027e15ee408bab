namespace ChatOpsReply.Posts;

public enum PostTrigger
{
    Claim,
    Release,
    Reassign,
    SubmitDraft,
    Approve,
    RequestChanges,
    Send,
    Dismiss,
    Escalate,
    SlaBreached,
    DeclareCrisis,
    ResolveCrisis,
    CustomerFollowUp,
    Close,
    Reopen,
}
