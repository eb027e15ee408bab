namespace ChatOpsReply.Posts;

public enum PostState
{
    /// <summary>Posted to the queue; nobody owns it yet.</summary>
    Open,

    /// <summary>One owner is drafting the reply.</summary>
    Claimed,

    /// <summary>A reply to a sensitive post waits for an approver.</summary>
    AwaitingApproval,

    /// <summary>The reply may go out.</summary>
    Approved,

    Sent,
    Closed,

    /// <summary>No reply needed, with a reason.</summary>
    Dismissed,

    /// <summary>Moved up the chain; waiting for the next tier to claim it.</summary>
    Escalated,

    /// <summary>Someone hit the panic button: the crisis team owns it.</summary>
    Crisis,
}
