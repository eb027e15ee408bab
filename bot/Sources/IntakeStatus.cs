


namespace ChatOpsReply.Sources;

public enum IntakeStatus
{
    /// <summary>A new post, now on its queue.</summary>
    Created,

    /// <summary>Seen before: nothing new was stored.</summary>
    Duplicate,

    /// <summary>Attached to the open post of the same thread.</summary>
    FollowUp,

    /// <summary>A texting opt-in or opt-out keyword: consent recorded, no post.</summary>
    Consent,
}
