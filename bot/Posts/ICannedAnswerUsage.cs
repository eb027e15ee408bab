namespace ChatOpsReply.Posts;

/// <summary>Counts a library answer as used when a reply made from it is sent.</summary>
public interface ICannedAnswerUsage
{
    /// <param name="number">Which reply of the post it is, 1-based: the same reply is counted once.</param>
    Task RecordAsync(CustomerPost post, SentReply reply, int number, CancellationToken cancellationToken);
}
