namespace ChatOpsReply.Privacy;

/// <summary>
/// What an erasure changes beyond the posts themselves (which go through the post store's save,
/// audited and shown again): the text in the posts' earlier audit events, replies sent, people's
/// unsent drafts, the indexes that find posts by the customer or their words, and the customer's
/// consent and texting records. Each call is safe to repeat.
/// </summary>
public interface ICustomerErasureStore
{
    /// <summary>Erases the posts' traces, before the posts are saved erased (so a repeat still finds them).</summary>
    Task<ErasedTraces> EraseTracesAsync(string source, string handle, IReadOnlyList<string> postIds, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Removes the customer's handle from the index that finds their posts, once the posts are erased.</summary>
    Task ForgetHandleAsync(string source, string handle, IReadOnlyList<string> postIds, CancellationToken cancellationToken = default);
}

/// <summary>How many of each trace an erasure changed.</summary>
public sealed record ErasedTraces(int AuditEvents, int Replies, int Drafts, bool Consent);
