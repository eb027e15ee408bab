namespace ChatOpsReply.Posts;

public enum CommandOutcome
{
    Applied,

    /// <summary>The same command (idempotency key) was applied before; nothing changed now.</summary>
    AlreadyApplied,

    /// <summary>The workflow does not allow it; <see cref="CommandResult.Reasons"/> says why.</summary>
    Rejected,

    NotFound,

    /// <summary>Others kept changing the post; the person should try again.</summary>
    Conflict,

    /// <summary>The button names no action a person can take (an older card, a forged click).</summary>
    UnknownAction,

    /// <summary>The store did not answer: nothing changed, the person should try again.</summary>
    StoreUnavailable,
}
