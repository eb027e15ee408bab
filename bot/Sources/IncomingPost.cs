using ChatOpsReply.Posts;

namespace ChatOpsReply.Sources;

/// <summary>A customer message as a source sends it, validated.</summary>
public sealed record IncomingPost(string Source, string ExternalId, string? ThreadId, PostAuthor Author, string Text, string? Url, DateTimeOffset? ReceivedAt);
