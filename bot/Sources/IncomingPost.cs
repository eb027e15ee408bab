using ChatOpsReply.Posts;

namespace ChatOpsReply.Sources;

/// <summary>A customer message as a source sends it, validated.</summary>
public sealed record IncomingPost(string Source, string ExternalId, string? ThreadId, PostAuthor Author, string Text, string? Url, DateTimeOffset? ReceivedAt)
{
    /// <summary>The whole message when <see cref="Text"/> is trimmed for the card (an e-mail's quoted history); null when it is all there.</summary>
    public string? FullText { get; init; }
}
