using System.Text.Json.Serialization;
using ChatOpsReply.Guidelines;

namespace ChatOpsReply.Posts;

/// <summary>
/// A customer post and everything its lifecycle has recorded about it. Immutable: each
/// transition produces the next version, saved only if nobody saved another one first.
/// </summary>
public sealed record CustomerPost
{
    public required string Id { get; init; }

    /// <summary>"x", "facebook", "instagram", "sms", "email" or any other webhook sender.</summary>
    public required string Source { get; init; }

    public required string ExternalId { get; init; }

    /// <summary>The conversation on the source; follow-ups in it attach to this post.</summary>
    public string? ThreadId { get; init; }

    public required PostAuthor Author { get; init; }

    /// <summary>What the card shows: the customer's words (an e-mail's quoted history trimmed).</summary>
    public required string Text { get; init; }

    /// <summary>The whole message when <see cref="Text"/> was trimmed (an e-mail with its quoted history), for the post's page; null when it is all there.</summary>
    public string? FullText { get; init; }

    public string? Url { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    public required string Queue { get; init; }

    /// <summary>The kind of sensitivity found (e.g. "legal"), or null.</summary>
    public string? Sensitivity { get; init; }

    public PostState State { get; init; } = PostState.Open;

    /// <summary>The accountable person's id.</summary>
    public string? Owner { get; init; }

    /// <summary>Index of the tier of the queue's chain that is accountable now.</summary>
    public int Tier { get; init; }

    /// <summary>Incremented by every saved transition; the basis of compare-and-set.</summary>
    public long Version { get; init; }

    public DateTimeOffset? ClaimDueAt { get; init; }

    public DateTimeOffset? ReplyDueAt { get; init; }

    public int SlaBreaches { get; init; }

    /// <summary>
    /// The tier accountable at each missed limit, oldest first: what breaches are counted against.
    /// Shorter than <see cref="SlaBreaches"/> only on posts stored before it was kept.
    /// </summary>
    public IReadOnlyList<int> BreachTiers { get; init; } = [];

    /// <summary>
    /// The owner who missed the reply limit and still holds the post: the tier above them was told
    /// and may take it over. Cleared when the post changes hands or is answered.
    /// </summary>
    public string? ReplyMissedBy { get; init; }

    public ReplyDraft? Draft { get; init; }

    public IReadOnlyList<ApprovalDecision> Approvals { get; init; } = [];

    public IReadOnlyList<FollowUp> FollowUps { get; init; } = [];

    public IReadOnlyList<SentReply> Replies { get; init; } = [];

    public DateTimeOffset? FirstClaimedAt { get; init; }

    public DateTimeOffset? FirstReplyAt { get; init; }

    public string? DismissReason { get; init; }

    /// <summary>
    /// For a text-message source, the customer's texting consent as last recorded with this post
    /// (on arrival, by a lead, by the platform): what the card shows. The consent ledger decides.
    /// </summary>
    public ConsentRecord? Consent { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The declared crisis the post was moved into with others (Crises/), while it is in it; null for a post of its own panic button.</summary>
    public string? CrisisId { get; init; }

    /// <summary>When the next SLA timer fires, if one runs.</summary>
    [JsonIgnore]
    public DateTimeOffset? NextSlaDueAt =>
        ClaimDueAt is { } claim && ReplyDueAt is { } reply ? (claim < reply ? claim : reply) : ClaimDueAt ?? ReplyDueAt;

    /// <summary>
    /// Whether a fired timer's due time is this due time. Stores keep due times to the
    /// millisecond while the clock has finer ticks, so they are compared to the millisecond.
    /// </summary>
    public static bool SameDueTime(DateTimeOffset? due, DateTimeOffset? fired) =>
        due is { } a && fired is { } b && a.ToUnixTimeMilliseconds() == b.ToUnixTimeMilliseconds();

    /// <summary>Closed and dismissed posts take no more follow-ups: the customer's next message is a new post.</summary>
    [JsonIgnore]
    public bool IsActive => State is not (PostState.Closed or PostState.Dismissed);
}
