namespace ChatOpsReply.Posts;

/// <summary>What a person typed or chose along with a click.</summary>
public sealed record CommandInput
{
    public static readonly CommandInput None = new();

    /// <summary>A reason or comment (dismiss, request changes, crisis).</summary>
    public string? Comment { get; init; }

    /// <summary>The reply text of a draft.</summary>
    public string? Text { get; init; }

    /// <summary>The library answer the draft text came from.</summary>
    public CannedAnswerUse? Answer { get; init; }

    /// <summary>The person id a post is handed to.</summary>
    public string? AssignTo { get; init; }

    /// <summary>The customer's new message (<see cref="PostTrigger.CustomerFollowUp"/>).</summary>
    public FollowUp? FollowUp { get; init; }

    /// <summary>The due time of the SLA timer that fired (<see cref="PostTrigger.SlaBreached"/>).</summary>
    public DateTimeOffset? BreachDueAt { get; init; }
}
