namespace ChatOpsReply.Posts;

/// <summary>Replies recorded as sent (with their post's change), for frequency caps and delivery tracking.</summary>
public interface ISentReplies
{
    /// <summary>How many replies went to this customer on this source since the given time.</summary>
    Task<int> CountSinceAsync(string source, string handle, DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>
    /// When reply <paramref name="number"/> of the post last reached the platform (taken, or confirmed
    /// delivered), if it did. Written by the post change that records it (<see cref="PostChange.Reached"/>).
    /// </summary>
    Task<DateTimeOffset?> DeliveredAtAsync(string postId, int number, CancellationToken cancellationToken = default);
}
