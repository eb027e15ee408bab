using ChatOpsReply.Telemetry;

namespace ChatOpsReply.Posts;

/// <summary>
/// Runs one command: load the post, decide (no I/O), save with compare-and-set on the
/// version together with the audit event and outbox messages, and only then let anything
/// visible happen. A lost race is decided again on the fresh post, so the second click of
/// two gets "already claimed by …" and nothing is applied twice.
/// </summary>
public sealed partial class PostCommandHandler(
    IPostStore store,
    PostWorkflow workflow,
    PostTransitions transitions,
    WorkflowFactsLoader factsLoader,
    ICannedAnswerVerifier answers,
    ICannedAnswerUsage answerUsage,
    OutboxSignal outboxSignal,
    PostMetrics metrics,
    TimeProvider time,
    ILogger<PostCommandHandler> logger)
{
    public const string AnswerNotApproved = "The answer you chose is no longer approved in the library. Choose another, or write the reply yourself.";

    private const int MaxAttempts = 10;

    public async Task<CommandResult> HandleAsync(PostCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["PostId"] = command.PostId });
        using var activity = ServiceTrace.Start($"command {command.Trigger}", command.PostId);
        activity?.SetTag("chatopsreply.surface", command.Surface);
        try
        {
            var result = await DecideAndSaveAsync(command, cancellationToken).ConfigureAwait(false);
            activity?.SetTag(ServiceTrace.Outcome, result.Outcome.ToString());
            return result;
        }
        catch (Exception e)
        {
            activity.Failed(e);
            throw;
        }
    }

    private async Task<CommandResult> DecideAndSaveAsync(PostCommand command, CancellationToken cancellationToken)
    {
        CustomerPost? post = null;
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            post = await store.GetAsync(command.PostId, cancellationToken).ConfigureAwait(false);
            if (post is null)
            {
                return CommandResult.NotFound;
            }

            // A repeated command is found out when it would be refused (below) or when the save finds
            // its key (DuplicateCommand): either way it is "done already", and a fresh one, the usual
            // case, costs no store call to look for its key.
            if (await WithChosenAnswerAsync(post, command, cancellationToken).ConfigureAwait(false) is not { } filled)
            {
                return await WasAppliedAsync(command, cancellationToken).ConfigureAwait(false) ? CommandResult.AlreadyApplied(post) : CommandResult.Rejected(post, [AnswerNotApproved]);
            }

            command = filled;
            var facts = await factsLoader.LoadAsync(post, command, cancellationToken).ConfigureAwait(false);
            var decision = workflow.Decide(post, command, facts);
            if (!decision.Allowed)
            {
                if (await WasAppliedAsync(command, cancellationToken).ConfigureAwait(false))
                {
                    return CommandResult.AlreadyApplied(post);
                }

                LogRejected(command.Trigger, command.Actor.Id);
                LogRejectedBecause(command.Trigger, command.Actor.Id, decision.Reasons);
                return CommandResult.Rejected(post, decision.Reasons) with { Findings = decision.Findings, CheckedReply = decision.CheckedReply };
            }

            var change = transitions.Apply(post, command, decision, facts, time.GetUtcNow());
            switch (await store.SaveAsync(change, cancellationToken).ConfigureAwait(false))
            {
                case SaveOutcome.Saved:
                    if (change.Reply is { Answer: not null } sent)
                    {
                        await answerUsage.RecordAsync(change.Post, sent, change.Post.Replies.Count, cancellationToken).ConfigureAwait(false);
                    }

                    LogApplied(command.Trigger, command.Actor.Id, post.State, decision.To, change.Post.Version);
                    outboxSignal.Notify();
                    metrics.Applied(post, change.Post, command.Trigger);
                    return CommandResult.Applied(change.Post, decision.Warnings) with { Findings = decision.Findings, CheckedReply = decision.CheckedReply, Withheld = decision.Withheld };
                case SaveOutcome.DuplicateCommand:
                case SaveOutcome.DuplicateIngest:
                    return CommandResult.AlreadyApplied(await store.GetAsync(command.PostId, cancellationToken).ConfigureAwait(false) ?? post);
                default:
                    // Someone else saved first: decide again on what they saved (that usually settles it),
                    // and if they keep saving, after a short random pause on the service's clock.
                    if (attempt > 1)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 * attempt)), time, cancellationToken).ConfigureAwait(false);
                    }

                    break;
            }
        }

        LogGaveUp(command.Trigger, MaxAttempts);
        return CommandResult.Conflict(post);
    }

    private async Task<bool> WasAppliedAsync(PostCommand command, CancellationToken cancellationToken) =>
        command.IdempotencyKey is { } key && await store.WasAppliedAsync(key, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// A form whose answer choice cannot fill the reply box in place (a Teams card, the console
    /// without script) sends the chosen answer with the reply box as it was offered: the person
    /// meant the answer, so it is filled in for them. Null when that answer is no longer approved.
    /// </summary>
    private async Task<PostCommand?> WithChosenAnswerAsync(CustomerPost post, PostCommand command, CancellationToken cancellationToken)
    {
        if (command.Input is not DraftInput { Answer: { } chosen } draft
            || (draft.Text is { } typed && typed != ActionInputs.OfferedReply(post).Trim()))
        {
            return command;
        }

        return await answers.FillAsync(post, chosen.AnswerId, command.Actor, cancellationToken).ConfigureAwait(false) is { } text
            ? command with { Input = draft with { Text = text } }
            : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Trigger} by {Actor}: {From} -> {To} (version {Version})")]
    private partial void LogApplied(PostTrigger trigger, string actor, PostState from, PostState to, long version);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Trigger} by {Actor} refused")]
    private partial void LogRejected(PostTrigger trigger, string actor);

    // Debug only: a refusal's sentences can name the customer ("Ana has not opted in to text messages").
    [LoggerMessage(Level = LogLevel.Debug, Message = "{Trigger} by {Actor} refused: {Reasons}")]
    private partial void LogRejectedBecause(PostTrigger trigger, string actor, IReadOnlyList<string> reasons);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Trigger} gave up after {Attempts} version conflicts")]
    private partial void LogGaveUp(PostTrigger trigger, int attempts);
}
