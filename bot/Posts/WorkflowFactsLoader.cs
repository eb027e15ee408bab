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
        var facts = command.Trigger is PostTrigger.Send or PostTrigger.Resend or PostTrigger.SendHoldingStatement
            ? await ForSendingAsync(post, cancellationToken).ConfigureAwait(false)
            : WorkflowFacts.None;
        if (command.Input is DraftInput { Answer: { } claimed } draft)
        {
            facts = facts with { VerifiedAnswer = await answers.VerifyAsync(post, claimed, draft.Text ?? "", cancellationToken).ConfigureAwait(false) };
        }

        return facts;
    }

    /// <summary>What decides whether a reply may go out now: the customer's texting consent and recent texts, and the platform's rules at this moment.</summary>
    public async Task<WorkflowFacts> ForSendingAsync(CustomerPost post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        var facts = WorkflowFacts.None;
        var now = time.GetUtcNow();
        if (checks.IsTextMessage(post.Source))
        {
            facts = facts with
            {
                Consent = await consent.GetAsync(post.Source, post.Author.Handle, cancellationToken).ConfigureAwait(false),
                RecentTexts = await sentReplies.CountSinceAsync(post.Source, post.Author.Handle, now - options.Value.TextWindow, cancellationToken).ConfigureAwait(false),
            };
        }

        return checks.RulesOf(post.Source) is { } channel ? facts with { ChannelRefusal = channel.WhyNotNow(post, now) } : facts;
    }
}
