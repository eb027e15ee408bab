using ChatOpsReply.Guidelines;
using ChatOpsReply.Storage;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Posts;

/// <summary>Reads what a command's guards need from the stores, before the machine decides.</summary>
public sealed class WorkflowFactsLoader(
    IConsentStore consent,
    ISentReplies sentReplies,
    ReplyGuidelines guidelines,
    IOptions<GuidelineOptions> options,
    ICannedAnswerVerifier answers,
    IEnumerable<IChannelRules> channels,
    TimeProvider time)
{
    public async Task<WorkflowFacts> LoadAsync(CustomerPost post, PostCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(command);
        var facts = WorkflowFacts.None;
        if (command.Trigger == PostTrigger.Send && guidelines.IsTextMessage(post.Source))
        {
            var since = time.GetUtcNow() - options.Value.TextWindow;
            facts = facts with
            {
                Consent = await consent.GetAsync(post.Source, post.Author.Handle, cancellationToken).ConfigureAwait(false),
                RecentTexts = await sentReplies.CountSinceAsync(post.Source, post.Author.Handle, since, cancellationToken).ConfigureAwait(false),
            };
        }

        if (command.Trigger == PostTrigger.Send && channels.FirstOrDefault(c => c.AppliesTo(post.Source)) is { } channel)
        {
            facts = facts with { ChannelRefusal = channel.WhyNotNow(post, time.GetUtcNow()) };
        }

        if (command.Trigger == PostTrigger.SubmitDraft && command.Input.Answer is { } claimed)
        {
            facts = facts with { VerifiedAnswer = await answers.VerifyAsync(post, claimed, command.Input.Text ?? "", cancellationToken).ConfigureAwait(false) };
        }

        return facts;
    }
}
