using ChatOpsReply.Guidelines;

namespace ChatOpsReply.Posts;

/// <summary>What happened to a command, with sentences a person can read.</summary>
public sealed record CommandResult(CommandOutcome Outcome, CustomerPost? Post)
{
    public IReadOnlyList<string> Reasons { get; init; } = [];

    /// <summary>Guideline warnings about an accepted draft: shown, not blocking.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>For a draft, accepted or not: what the guidelines found, with the spans of the reply each is about.</summary>
    public IReadOnlyList<GuidelineFinding> Findings { get; init; } = [];

    /// <summary>The reply the findings' spans are into, as checked (a chosen library answer filled in).</summary>
    public string? CheckedReply { get; init; }

    /// <summary>For a holding statement recorded as not sent: why its channel refused it.</summary>
    public IReadOnlyList<string> Withheld { get; init; } = [];

    public bool Succeeded => Outcome is CommandOutcome.Applied or CommandOutcome.AlreadyApplied;

    /// <summary>One line for the person who acted.</summary>
    public string Message => Outcome switch
    {
        CommandOutcome.Applied => Warnings.Count == 0 ? "Done." : "Done. " + string.Join(" ", Warnings),
        CommandOutcome.AlreadyApplied => "Done already.",
        CommandOutcome.Rejected => string.Join(" ", Reasons),
        CommandOutcome.NotFound => "That post no longer exists.",
        CommandOutcome.UnknownAction => UnknownActionMessage,
        CommandOutcome.StoreUnavailable => StoreUnavailableMessage,
        _ => "Several people acted on this post at once. Please try again.",
    };

    public static CommandResult Applied(CustomerPost post, IReadOnlyList<string> warnings) => new(CommandOutcome.Applied, post) { Warnings = warnings };

    public static CommandResult AlreadyApplied(CustomerPost post) => new(CommandOutcome.AlreadyApplied, post);

    public static CommandResult Rejected(CustomerPost post, IReadOnlyList<string> reasons) => new(CommandOutcome.Rejected, post) { Reasons = reasons };

    public const string UnknownActionMessage = "That button is from an older version of ChatOpsReply and does nothing now.";

    public const string StoreUnavailableMessage = "The store is unavailable right now, so nothing changed. Please try again in a moment.";

    public static readonly CommandResult NotFound = new(CommandOutcome.NotFound, null);

    public static readonly CommandResult UnknownAction = new(CommandOutcome.UnknownAction, null);

    public static readonly CommandResult StoreUnavailable = new(CommandOutcome.StoreUnavailable, null);

    public static CommandResult Conflict(CustomerPost? post) => new(CommandOutcome.Conflict, post);
}
