namespace ChatOpsReply.Posts.Figures;

/// <summary>
/// What the figures are computed from, read by period: the posts that arrived in it and their
/// audit trails. Both come from the shared store, so every instance computes the same figures
/// and a restart loses none. Implementations throw <see cref="StoreUnavailableException"/> when
/// the store cannot answer.
/// </summary>
public interface IPostHistory
{
    /// <summary>Every post received at or after <paramref name="from"/> and before <paramref name="before"/>, oldest first (ties by id).</summary>
    Task<IReadOnlyList<CustomerPost>> ReceivedAsync(DateTimeOffset from, DateTimeOffset before, CancellationToken cancellationToken = default);

    /// <summary>The audit trails of these posts, each oldest first; a post with no trail is left out.</summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<AuditEvent>>> TrailsAsync(IReadOnlyCollection<string> postIds, CancellationToken cancellationToken = default);
}
