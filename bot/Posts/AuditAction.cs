namespace ChatOpsReply.Posts;

/// <summary>
/// What a line of the audit trail records: every trigger under its own name and value, and
/// what happens to a post outside the workflow. Stored by name.
/// </summary>
public enum AuditAction
{
    Claim = PostTrigger.Claim,
    Release = PostTrigger.Release,
    Reassign = PostTrigger.Reassign,
    SubmitDraft = PostTrigger.SubmitDraft,
    Approve = PostTrigger.Approve,
    RequestChanges = PostTrigger.RequestChanges,
    Send = PostTrigger.Send,
    Dismiss = PostTrigger.Dismiss,
    Escalate = PostTrigger.Escalate,
    SlaBreached = PostTrigger.SlaBreached,
    DeclareCrisis = PostTrigger.DeclareCrisis,
    ResolveCrisis = PostTrigger.ResolveCrisis,
    CustomerFollowUp = PostTrigger.CustomerFollowUp,
    Close = PostTrigger.Close,
    Reopen = PostTrigger.Reopen,
    DeliveryReported = PostTrigger.DeliveryReported,
    Resend = PostTrigger.Resend,
    RecordConsent = PostTrigger.RecordConsent,
    TakeOver = PostTrigger.TakeOver,
    AddNote = PostTrigger.AddNote,
    SendHoldingStatement = PostTrigger.SendHoldingStatement,

    /// <summary>The post arrived.</summary>
    Received = 100,

    /// <summary>The customer's text, name and handle were erased at their request, or by retention.</summary>
    CustomerErased = 101,
}

/// <summary>Between triggers and the audit actions that record them.</summary>
public static class AuditActions
{
    public static AuditAction Of(PostTrigger trigger) => (AuditAction)(int)trigger;

    /// <summary>The trigger an action records, or null for what happens outside the workflow (the post's arrival).</summary>
    public static PostTrigger? Trigger(this AuditAction action) =>
        Enum.IsDefined((PostTrigger)(int)action) ? (PostTrigger)(int)action : null;
}
