using ChatOpsReply.Posts;

namespace ChatOpsReply.Storage;

/// <summary>
/// Posts and everything written with them. Every write is atomic: a post version with its
/// audit event, outbox messages, SLA timer, command key and ingest key, or nothing.
/// Implementations throw <see cref="StoreUnavailableException"/> when the store cannot answer.
/// </summary>
public interface IPostStore
{
    Task<CustomerPost?> GetAsync(string postId, CancellationToken cancellationToken = default);

    /// <summary>The post a customer message (a post or a follow-up) was recorded on, if any.</summary>
    Task<string?> FindIngestedAsync(IngestKey key, CancellationToken cancellationToken = default);

    /// <summary>The newest active (not closed, not dismissed) post of a source's thread.</summary>
    Task<CustomerPost?> FindActiveInThreadAsync(string source, string threadId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<CustomerPost>> ListAsync(PostQuery query, CancellationToken cancellationToken = default);

    /// <summary>How many posts are in each state (for /metrics).</summary>
    Task<IReadOnlyDictionary<PostState, long>> CountByStateAsync(CancellationToken cancellationToken = default);

    Task<bool> WasAppliedAsync(string commandKey, CancellationToken cancellationToken = default);

    /// <summary>Stores a new post unless its (source, external id) was seen before.</summary>
    Task<CreateOutcome> CreateAsync(NewPost post, CancellationToken cancellationToken = default);

    /// <summary>Compare-and-set on the post's version, with everything else in the change.</summary>
    Task<SaveOutcome> SaveAsync(PostChange change, CancellationToken cancellationToken = default);

    /// <summary>Forgets command keys recorded before the cut-off (they only guard against quick repeats).</summary>
    Task PurgeCommandKeysAsync(DateTimeOffset before, CancellationToken cancellationToken = default);
}
