namespace ChatOpsReply.Posts;

/// <summary>A later message from the customer in the same thread.</summary>
public sealed record FollowUp(string ExternalId, string Text, DateTimeOffset At);
