using ChatOpsReply.Accountability;

namespace ChatOpsReply.Posts;

/// <summary>
/// Confirms that a draft really is the library answer it claims to be, unmodified but for
/// its placeholders. A surface's word for it is never enough to skip an approval.
/// </summary>
public interface ICannedAnswerVerifier
{
    /// <returns>The answer as the library knows it, or null when it does not check out.</returns>
    Task<CannedAnswerUse?> VerifyAsync(CustomerPost post, CannedAnswerUse claimed, string text, CancellationToken cancellationToken);

    /// <returns>The approved answer filled in for this post and the person replying, or null when it is not approved (or gone).</returns>
    Task<string?> FillAsync(CustomerPost post, string answerId, Person agent, CancellationToken cancellationToken);
}
