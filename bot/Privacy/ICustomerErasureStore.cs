namespace ChatOpsReply.Privacy;

/// <summary>
/// What an erasure changes beyond the posts themselves (which go through the post store's save,
/// audited and shown again): the text in the posts' earlier audit events, replies sent, people's
/// unsent drafts, the indexes that find posts by the customer or their words, and the customer's
/// consent and texting records. Each call is safe to repeat.
/// </summary>
public interface ICustomerErasureStore
{
    /// <summary>
    /// Erases the posts' traces, before the posts are saved erased (so a repeat still finds them);
    /// with <paramref name="wholeCustomer"/>, also the customer's consent and texting records.
    /// </summary>
    Task<ErasedTraces> EraseTracesAsync(string source, string handle, IReadOnlyList<string> postIds, bool wholeCustomer, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Removes the posts from the index that finds them by their customer's handle, once they are erased; they count as erased from then on.</summary>
    Task ForgetHandleAsync(string source, string handle, IReadOnlyList<string> postIds, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> posts closed or dismissed whose last change is before <paramref name="before"/>, not yet erased, oldest first.</summary>
    Task<IReadOnlyList<string>> ExpiredAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default);
}

/// <summary>How many of each trace an erasure changed.</summary>
public sealed record ErasedTraces(int AuditEvents, int Replies, int Drafts, bool Consent);
