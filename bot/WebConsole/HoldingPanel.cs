using ChatOpsReply.Crises;
using ChatOpsReply.Library.Model;
using ChatOpsReply.Posts;

namespace ChatOpsReply.WebConsole;

/// <summary>A crisis's holding statement on the console's crises page: what may be chosen (previewed), where it stands, who may decide, and how it went on each post.</summary>
public sealed record HoldingPanel(Crisis Crisis, string? Standing, IReadOnlyList<HoldingChoice> Choices, bool MayChoose, bool MayDecide, IReadOnlyList<HoldingLine> Lines)
{
    /// <summary>What the person typed or chose in a form that was refused, shown again with the refusal.</summary>
    public HoldingTyped? Typed { get; init; }
}

/// <summary>A crisis-safe answer that may be chosen, as it would go to the sample customer.</summary>
public sealed record HoldingChoice(CannedAnswer Answer, string Preview);

/// <summary>One post the holding statement was for: sent (and how its delivery goes) or not, and why.</summary>
public sealed record HoldingLine(HoldingOutcome Outcome, CustomerPost? Post)
{
    public string Said => Outcome.Sent
        ? Post?.Replies.LastOrDefault(r => r.HoldingFor is not null) is { } reply ? PostLabels.Delivery(reply.Delivery, Post.Source) : "Sent"
        : $"Not sent: {Outcome.Reason}";
}

/// <param name="Form">Which form: "choose" or "reject".</param>
public sealed record HoldingTyped(string Form, string? Answer, string? Reason, string Error);
