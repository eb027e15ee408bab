namespace ChatOpsReply.Sources;

/// <summary>The body of a 202 from <c>POST /api/posts</c>.</summary>
/// <param name="Status">"created", "duplicate", "followUp" or "consent".</param>
public sealed record IntakeResponse(string? Id, string Status);
