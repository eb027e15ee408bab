namespace ChatOpsReply.Posts;

/// <summary>
/// What travels with a trigger: what a person typed or chose along with a click, or what a
/// timer or a customer brought. One record per kind of input; <see cref="For"/> says which
/// kind a trigger takes, so nothing reads a field that its trigger never carries.
/// </summary>
public abstract record TriggerInput
{
    /// <summary>Nothing but an optional comment.</summary>
    public static readonly TriggerInput None = new CommentInput();

    /// <summary>A reason or comment: optional for most actions, required to dismiss or send back.</summary>
    public string? Comment { get; init; }

    /// <summary>The kind of input a trigger takes.</summary>
    public static Type For(PostTrigger trigger) => trigger switch
    {
        PostTrigger.SubmitDraft => typeof(DraftInput),
        PostTrigger.Reassign => typeof(HandOverInput),
        PostTrigger.CustomerFollowUp => typeof(FollowUpInput),
        PostTrigger.SlaBreached => typeof(BreachInput),
        PostTrigger.DeliveryReported => typeof(DeliveryInput),
        PostTrigger.Resend => typeof(ResendInput),
        PostTrigger.RecordConsent => typeof(ConsentInput),
        PostTrigger.SendHoldingStatement => typeof(HoldingInput),
        _ => typeof(CommentInput),
    };
}

/// <summary>Claim, release, approve, send back, send, dismiss, escalate, crises, close, reopen: at most a comment.</summary>
public sealed record CommentInput : TriggerInput;

/// <summary>A post moved into, or back out of, a declared crisis together with the others it covers.</summary>
public sealed record CrisisInput(string CrisisId) : TriggerInput;

/// <summary>
/// A crisis's approved holding statement for one of its posts: the library answer filled in for this customer, or,
/// when a placeholder has nothing to fill it, <paramref name="Text"/> null and <paramref name="Unfilled"/> saying what.
/// </summary>
/// <param name="ApprovedBy">The people who chose and approved it, for the audit trail: "chosen by Sam Rivera, approved by Lena Ortiz".</param>
public sealed record HoldingInput(string CrisisId, string? Text, CannedAnswerUse Answer, string SentBy, string ApprovedBy) : TriggerInput
{
    public string? Unfilled { get; init; }
}

/// <summary>A reply draft: its text, and the library answer it says it came from.</summary>
/// <param name="Answer">Only a claim until the library verified it (see <see cref="ICannedAnswerVerifier"/>).</param>
public sealed record DraftInput(string? Text, CannedAnswerUse? Answer = null) : TriggerInput;

/// <summary>Who a post is handed to.</summary>
public sealed record HandOverInput(string? AssignTo) : TriggerInput;

/// <summary>The customer's new message in the post's thread.</summary>
public sealed record FollowUpInput(FollowUp FollowUp) : TriggerInput;

/// <summary>The due time of the SLA timer that fired.</summary>
public sealed record BreachInput(DateTimeOffset DueAt) : TriggerInput;

/// <summary>What became of reply <paramref name="Number"/> (1-based), and the opt-out the platform's refusal revealed, if it did.</summary>
public sealed record DeliveryInput(int Number, ReplyDelivery Report) : TriggerInput
{
    public Guidelines.ConsentRecord? OptOut { get; init; }
}

/// <summary>Sending the last reply again: after an unknown outcome, what the owner found when they checked.</summary>
public sealed record ResendInput(ResendCheck? Check) : TriggerInput;

/// <summary>What the owner found on the platform when the outcome was unknown.</summary>
public enum ResendCheck
{
    /// <summary>The reply is not there: send it again.</summary>
    NotThere,

    /// <summary>The reply is there: record it as sent, send nothing.</summary>
    Arrived,
}

/// <summary>
/// A texting consent: the record a platform reported (STOP, START), or null when a lead records
/// an opt-in given another way, with the evidence as the comment.
/// </summary>
public sealed record ConsentInput(Guidelines.ConsentRecord? Record) : TriggerInput;
