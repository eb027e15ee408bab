namespace ChatOpsReply.Sources;

public sealed record IntakeResult(IntakeStatus Status, string? PostId);
