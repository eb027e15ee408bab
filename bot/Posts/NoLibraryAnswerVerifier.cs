namespace ChatOpsReply.Posts;

/// <summary>Used until an answer library is configured: no draft can claim to be pre-approved.</summary>
internal sealed class NoLibraryAnswerVerifier : ICannedAnswerVerifier
{
    public Task<CannedAnswerUse?> VerifyAsync(CustomerPost post, CannedAnswerUse claimed, string text, CancellationToken cancellationToken) =>
        Task.FromResult<CannedAnswerUse?>(null);
}
