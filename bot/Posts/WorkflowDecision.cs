using ChatOpsReply.Guidelines;

namespace ChatOpsReply.Posts;

/// <summary>The workflow's answer: the state to move to, or why not.</summary>
public sealed record WorkflowDecision(bool Allowed, PostState To, IReadOnlyList<string> Reasons, IReadOnlyList<string> Warnings)
{
    /// <summary>For a draft: everything the guidelines found in it, errors and warnings, with the spans they are about.</summary>
    public IReadOnlyList<GuidelineFinding> Findings { get; init; } = [];

    /// <summary>The reply the findings' spans are into, as checked.</summary>
    public string? CheckedReply { get; init; }

    /// <summary>For a holding statement that may not go out on this post's channel: why, for its history (the command is still recorded).</summary>
    public IReadOnlyList<string> Withheld { get; init; } = [];

    public static WorkflowDecision Allow(PostState to, IReadOnlyList<string> warnings) => new(true, to, [], warnings);

    public static WorkflowDecision Reject(PostState current, IReadOnlyList<string> reasons) => new(false, current, reasons, []);
}
