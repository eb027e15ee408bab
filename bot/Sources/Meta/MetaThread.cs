namespace ChatOpsReply.Sources.Meta;

/// <summary>
/// How a Meta conversation is written in a post's thread id and its messages' external ids, so
/// the sender knows from the post alone whether to answer a comment (and which one) or a message
/// (and to whom), with no lookup:
/// <list type="bullet">
/// <item>comments: thread <c>comments:{post or media id}:{author id}</c>, each comment
/// <c>comment:{comment id}</c>; an edit <c>comment:{id}:edit:{hash of the new text}</c>, a removal
/// <c>comment:{id}:removed</c> (both follow-ups of the same thread). The reply answers the newest
/// comment of the customer's that was not removed.</item>
/// <item>messages (Messenger, Instagram): thread <c>dm:{page or Instagram account id}:{sender id}</c>,
/// each message <c>message:{mid}</c>. The reply is a message to the sender id.</item>
/// </list>
/// </summary>
public sealed record MetaThread(bool IsMessage, string Account, string Customer)
{
    public const string CommentsPrefix = "comments:";
    public const string MessagesPrefix = "dm:";

    public static string Comments(string postId, string authorId) => $"{CommentsPrefix}{postId}:{authorId}";

    public static string Messages(string accountId, string senderId) => $"{MessagesPrefix}{accountId}:{senderId}";

    public static string Comment(string commentId) => $"comment:{commentId}";

    public static string Message(string mid) => $"message:{mid}";

    /// <summary>The thread a post belongs to, or null when its thread id was not written by us.</summary>
    public static MetaThread? Parse(string? threadId)
    {
        if (threadId is null)
        {
            return null;
        }

        var isMessage = threadId.StartsWith(MessagesPrefix, StringComparison.Ordinal);
        if (!isMessage && !threadId.StartsWith(CommentsPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = threadId[(isMessage ? MessagesPrefix.Length : CommentsPrefix.Length)..];
        var split = rest.LastIndexOf(':');
        return split > 0 && split < rest.Length - 1 ? new MetaThread(isMessage, rest[..split], rest[(split + 1)..]) : null;
    }

    /// <summary>The comment a reply should answer: the newest of the post's comments that was not removed.</summary>
    public static string? ReplyTarget(IEnumerable<string> externalIdsOldestFirst)
    {
        var comments = new List<string>();
        var removed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var parts in externalIdsOldestFirst.Select(id => id.Split(':')).Where(p => p.Length >= 2 && p[0] == "comment"))
        {
            if (parts.Length >= 3 && parts[2] == "removed")
            {
                removed.Add(parts[1]);
            }
            else
            {
                comments.Add(parts[1]);
            }
        }

        return comments.LastOrDefault(c => !removed.Contains(c));
    }
}
