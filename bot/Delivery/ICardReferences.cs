namespace ChatOpsReply.Delivery;

/// <summary>
/// What each surface called the messages it posted for a post (a Slack channel and ts, a
/// Teams activity id), so cards are updated in place and never posted twice.
/// </summary>
public interface ICardReferences
{
    /// <param name="key">The surface and the message's role, e.g. "slack:card", "slack:approval".</param>
    Task<string?> GetAsync(string postId, string key, CancellationToken cancellationToken = default);

    /// <summary>Records the reference unless one exists; returns the reference that is stored afterwards.</summary>
    Task<string> SetIfAbsentAsync(string postId, string key, string reference, CancellationToken cancellationToken = default);

    /// <summary>The post whose message this is (a reply in a card's thread names its card), or null.</summary>
    Task<string?> FindPostAsync(string key, string reference, CancellationToken cancellationToken = default);

    /// <summary>Forgets the reference under <paramref name="key"/> if it is still <paramref name="reference"/> (what another caller stored stays).</summary>
    Task RemoveAsync(string postId, string key, string reference, CancellationToken cancellationToken = default);
}
