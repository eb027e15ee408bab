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

    /// <summary>Someone of the tier above takes a post whose owner missed the reply limit, draft and all.</summary>
    TakeOver,

    /// <summary>An internal note for the team (a reply in the card's thread, the console's note box): never sent to the customer.</summary>
    AddNote,

    /// <summary>A declared crisis's approved holding statement, to one of its posts (service only): the post stays in Crisis.</summary>
    SendHoldingStatement,
}
