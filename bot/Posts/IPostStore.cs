using ChatOpsReply.Guidelines;

namespace ChatOpsReply.Posts;

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

    /// <summary>
    /// Stores a new post unless its (source, external id) was seen before, or, when asked
    /// (<see cref="NewPost.UnlessThreadActive"/>), its thread has an active post: one store call
    /// for everything an ingest must know before it stores.
    /// </summary>
    Task<CreateOutcome> CreateAsync(NewPost post, CancellationToken cancellationToken = default);

    /// <summary>Compare-and-set on the post's version, with everything else in the change.</summary>
    Task<SaveOutcome> SaveAsync(PostChange change, CancellationToken cancellationToken = default);

    /// <summary>Forgets command keys recorded before the cut-off (they only guard against quick repeats).</summary>
    Task PurgeCommandKeysAsync(DateTimeOffset before, CancellationToken cancellationToken = default);
}

/// <summary>A post as it arrives: stored with its "Received" audit event, its first outbox messages and its claim timer.</summary>
public sealed record NewPost(CustomerPost Post, AuditEvent Audit, IReadOnlyList<OutboxMessage> Outbox)
{
    /// <summary>
    /// Store nothing when the post's thread (<see cref="CustomerPost.ThreadId"/> on its source) has
    /// an active post, as <see cref="IPostStore.FindActiveInThreadAsync"/> finds it; the outcome then
    /// names that post, for the message to go to it as a follow-up.
    /// </summary>
    public bool UnlessThreadActive { get; init; }
}

/// <summary>
/// One transition, written all or nothing: the post's next version (only if the stored one
/// is still <see cref="ExpectedVersion"/>), its audit event, its outbox messages and its SLA
/// timer (from <see cref="CustomerPost.NextSlaDueAt"/>).
/// </summary>
public sealed record PostChange(CustomerPost Post, long ExpectedVersion, AuditEvent Audit, IReadOnlyList<OutboxMessage> Outbox)
{
    /// <summary>Recorded with the change; a second change with the same key is refused.</summary>
    public string? CommandKey { get; init; }

    /// <summary>The customer message this change records (a follow-up), deduplicated like new posts.</summary>
    public IngestKey? Ingest { get; init; }

    /// <summary>The reply this change sends, for frequency caps and delivery tracking.</summary>
    public SentReply? Reply { get; init; }

    /// <summary>A reply the platform took (or confirmed delivered), recorded with it for delivery tracking.</summary>
    public ReplyReached? Reached { get; init; }

    /// <summary>A texting consent this change records in the consent ledger (a newer record there wins).</summary>
    public ConsentRecord? Consent { get; init; }
}

/// <summary>Reply <paramref name="Number"/> (1-based) of the post reached the platform at <paramref name="At"/>, known there as <paramref name="ExternalId"/>.</summary>
public sealed record ReplyReached(int Number, DateTimeOffset At, string? ExternalId);

public enum SaveOutcome
{
    Saved,

    /// <summary>Someone saved another version first; nothing was written.</summary>
    VersionConflict,

    /// <summary>A change with this command key was saved before; nothing was written.</summary>
    DuplicateCommand,

    /// <summary>This customer message was recorded before; nothing was written.</summary>
    DuplicateIngest,
}

/// <param name="Created">False when the message was known already; <paramref name="PostId"/> then names the post it went to.</param>
public sealed record CreateOutcome(bool Created, string PostId)
{
    /// <summary>Nothing was stored because the thread has an active post, <see cref="PostId"/> (see <see cref="NewPost.UnlessThreadActive"/>).</summary>
    public bool ThreadActive { get; init; }
}

/// <summary>A customer message's identity on its source: the same key twice is the same message.</summary>
public sealed record IngestKey(string Source, string ExternalId);

/// <summary>Which posts to list; every filter is optional, and a post must pass all that are set. Newest first unless <see cref="Order"/> says otherwise.</summary>
public sealed record PostQuery
{
    public string? Queue { get; init; }

    public IReadOnlyCollection<PostState>? States { get; init; }

    public string? Owner { get; init; }

    /// <summary>The index of the tier of the queue's chain accountable now (0: the first).</summary>
    public int? Tier { get; init; }

    /// <summary>Only posts that missed a limit while this tier (an index) had them (<see cref="CustomerPost.BreachTiers"/>).</summary>
    public int? MissedAtTier { get; init; }

    public int Limit { get; init; } = 200;

    /// <summary>Words of the customer's handle or name, each of which must be one of theirs (<see cref="PostSearchWords"/>).</summary>
    public string? Customer { get; init; }

    /// <summary>Words of the post's text, each of which must be in it (<see cref="PostSearchWords"/>).</summary>
    public string? Text { get; init; }

    public string? Source { get; init; }

    /// <summary>One customer's posts: their exact handle (any case) on <see cref="Source"/>, which must be set with it.</summary>
    public string? Handle { get; init; }

    /// <summary>True: only sensitive posts; false: only posts that are not.</summary>
    public bool? Sensitive { get; init; }

    /// <summary>True: only posts that missed an SLA limit at least once; false: only posts that never did.</summary>
    public bool? Breached { get; init; }

    /// <summary>Received at or after this time.</summary>
    public DateTimeOffset? ReceivedFrom { get; init; }

    /// <summary>Received before this time.</summary>
    public DateTimeOffset? ReceivedBefore { get; init; }

    public PostOrder Order { get; init; } = PostOrder.Arrival;

    /// <summary>Whether only the state, queue and owner filters are set, in arrival order (what the plain indexes answer).</summary>
    public bool IsPlain =>
        Customer is null && Text is null && Source is null && Handle is null && Sensitive is null && Breached is null && Tier is null && MissedAtTier is null
        && ReceivedFrom is null && ReceivedBefore is null && Order == PostOrder.Arrival;
}

/// <summary>How listed posts are ordered; ties go by post id.</summary>
public enum PostOrder
{
    /// <summary>Newest first.</summary>
    Arrival,

    /// <summary>The soonest SLA due time first; posts with no running timer after them, newest first.</summary>
    Due,

    /// <summary>The most recently changed first.</summary>
    Activity,
}
