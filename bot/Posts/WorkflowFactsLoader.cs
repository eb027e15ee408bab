using ChatOpsReply.Guidelines;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Posts;

/// <summary>Reads what a command's guards need from the stores, before the machine decides.</summary>
public sealed class WorkflowFactsLoader(
    IConsentStore consent,
    ISentReplies sentReplies,
    ReplyCheck checks,
    IOptions<GuidelineOptions> options,
    ICannedAnswerVerifier answers,
    TimeProvider time)
{
    public async Task<WorkflowFacts> LoadAsync(CustomerPost post, PostCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(command);
        var facts = WorkflowFacts.None;
        if (command.Trigger == PostTrigger.Send && checks.IsTextMessage(post.Source))
        {
            var since = time.GetUtcNow() - options.Value.TextWindow;
            facts = facts with
            {
                Consent = await consent.GetAsync(post.Source, post.Author.Handle, cancellationToken).ConfigureAwait(false),
                RecentTexts = await sentReplies.CountSinceAsync(post.Source, post.Author.Handle, since, cancellationToken).ConfigureAwait(false),
            };
        }

        if (command.Trigger == PostTrigger.Send && checks.RulesOf(post.Source) is { } channel)
        {
            facts = facts with { ChannelRefusal = channel.WhyNotNow(post, time.GetUtcNow()) };
        }

        if (command.Input is DraftInput { Answer: { } claimed } draft)
        {
            facts = facts with { VerifiedAnswer = await answers.VerifyAsync(post, claimed, draft.Text ?? "", cancellationToken).ConfigureAwait(false) };
        }

        return facts;
    }
}
