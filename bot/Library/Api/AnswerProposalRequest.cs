namespace ChatOpsReply.Library.Api;

/// <summary>"Save as answer": a post and the number of its sent reply (the last one when left out).</summary>
public sealed record AnswerProposalRequest(string? PostId, int? Reply);
