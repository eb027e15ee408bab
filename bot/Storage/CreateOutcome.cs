namespace ChatOpsReply.Storage;

/// <param name="Created">False when the message was known already; <paramref name="PostId"/> then names the post it went to.</param>
public sealed record CreateOutcome(bool Created, string PostId);
