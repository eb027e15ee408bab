using ChatOpsReply.Library.Model;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Library.Replies;

/// <summary>
/// Counts a sent reply's answer as used. The reply is already stored when this runs; if the
/// store cannot take the count now, the reply is not held up: the count is lost and logged.
/// </summary>
public sealed partial class LibraryAnswerUsage(ICannedAnswerStore store, ILogger<LibraryAnswerUsage> logger) : ICannedAnswerUsage
{
    public async Task RecordAsync(CustomerPost post, SentReply reply, int number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.Answer is not { } answer)
        {
            return;
        }

        try
        {
            await store.RecordUseAsync(new AnswerUse(answer.AnswerId, answer.Version, post.Id, number, reply.At), cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException e)
        {
            LogNotCounted(answer.AnswerId, post.Id, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Use of answer {AnswerId} by post {PostId} not counted: {Reason}")]
    private partial void LogNotCounted(string answerId, string postId, string reason);
}
