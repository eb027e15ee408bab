namespace ChatOpsReply.Library.Api;

/// <summary>Approve or retire: the version the caller looked at.</summary>
public sealed record AnswerVersionRequest(int? Version);
