using ChatOpsReply.Guidelines;

namespace ChatOpsReply.Posts;

/// <summary>
/// What a person sees while they type a reply: every finding about its words, and whether it could
/// go out now (opt-in, the texting cap, quiet hours, the platform's window and reply rules), each with
/// the span of the reply it is about. The Slack modal, the Teams card and the console ask here.
/// </summary>
public sealed class LiveReplyCheck(ReplyCheck checks, WorkflowFactsLoader facts)
{
    public async Task<GuidelineReport> CheckAsync(CustomerPost post, string? reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        return checks.Check(post, reply, await facts.ForSendingAsync(post, cancellationToken).ConfigureAwait(false));
    }
}
