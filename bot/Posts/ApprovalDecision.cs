namespace ChatOpsReply.Posts;

/// <summary>An approver's answer to a draft: approved, or sent back with a comment.</summary>
public sealed record ApprovalDecision(string ApproverId, DateTimeOffset At, bool Approved, string? Comment);
