namespace ChatOpsReply.Storage;

/// <summary>A post's SLA timer that has come due.</summary>
public sealed record DueTimer(string PostId, DateTimeOffset DueAt);
