namespace ChatOpsReply.Posts;

/// <summary>Replies recorded as sent (with their post's change), for frequency caps and delivery tracking.</summary>
public interface ISentReplies
{
    /// <summary>How many replies went to this customer on this source since the given time.</summary>
    Task<int> CountSinceAsync(string source, string handle, DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>Records that the source accepted reply number <paramref name="number"/> (1-based) of the post.</summary>
    Task MarkDeliveredAsync(string postId, int number, DateTimeOffset at, string? externalId, CancellationToken cancellationToken = default);

    /// <summary>When reply <paramref name="number"/> of the post was delivered, if it was.</summary>
    Task<DateTimeOffset?> DeliveredAtAsync(string postId, int number, CancellationToken cancellationToken = default);
}
