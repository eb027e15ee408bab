namespace ChatOpsReply.Posts;

/// <summary>The workflow's answer: the state to move to, or why not.</summary>
public sealed record WorkflowDecision(bool Allowed, PostState To, IReadOnlyList<string> Reasons, IReadOnlyList<string> Warnings)
{
    public static WorkflowDecision Allow(PostState to, IReadOnlyList<string> warnings) => new(true, to, [], warnings);

    public static WorkflowDecision Reject(PostState current, IReadOnlyList<string> reasons) => new(false, current, reasons, []);
}
