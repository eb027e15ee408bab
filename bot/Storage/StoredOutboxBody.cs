namespace ChatOpsReply.Storage;

/// <summary>The parts of an outbox message a store keeps as JSON rather than in columns.</summary>
internal sealed record StoredOutboxBody(string? Text, IReadOnlyList<string> People, int? ReplyNumber = null);
