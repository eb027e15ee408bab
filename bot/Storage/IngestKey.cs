namespace ChatOpsReply.Storage;

/// <summary>A customer message's identity on its source: the same key twice is the same message.</summary>
public sealed record IngestKey(string Source, string ExternalId);
