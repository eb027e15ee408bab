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

    /// <summary>The outbox or the platform says how a reply's delivery went (service only).</summary>
    DeliveryReported,

    /// <summary>The owner sends a reply again that was not delivered, or whose outcome they checked.</summary>
    Resend,

    /// <summary>A texting opt-in a lead recorded with its evidence, or an opt-in or opt-out the platform reported.</summary>
    RecordConsent,
}
