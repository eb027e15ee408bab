namespace ChatOpsReply.Posts;

/// <summary>What happened to a command, with sentences a person can read.</summary>
public sealed record CommandResult(CommandOutcome Outcome, CustomerPost? Post)
{
    public IReadOnlyList<string> Reasons { get; init; } = [];

    /// <summary>Guideline warnings about an accepted draft: shown, not blocking.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public bool Succeeded => Outcome is CommandOutcome.Applied or CommandOutcome.AlreadyApplied;

    /// <summary>One line for the person who acted.</summary>
    public string Message => Outcome switch
    {
        CommandOutcome.Applied => Warnings.Count == 0 ? "Done." : "Done. " + string.Join(" ", Warnings),
        CommandOutcome.AlreadyApplied => "Done already.",
        CommandOutcome.Rejected => string.Join(" ", Reasons),
        CommandOutcome.NotFound => "That post no longer exists.",
        _ => "Several people acted on this post at once. Please try again.",
    };

    public static CommandResult Applied(CustomerPost post, IReadOnlyList<string> warnings) => new(CommandOutcome.Applied, post) { Warnings = warnings };

    public static CommandResult AlreadyApplied(CustomerPost post) => new(CommandOutcome.AlreadyApplied, post);

    public static CommandResult Rejected(CustomerPost post, IReadOnlyList<string> reasons) => new(CommandOutcome.Rejected, post) { Reasons = reasons };

    public static readonly CommandResult NotFound = new(CommandOutcome.NotFound, null);

    public static CommandResult Conflict(CustomerPost? post) => new(CommandOutcome.Conflict, post);
}
