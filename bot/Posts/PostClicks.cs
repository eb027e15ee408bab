using ChatOpsReply.Cards;

namespace ChatOpsReply.Posts;

/// <summary>
/// The one way from a click to a command, for every surface: read the button as a trigger a
/// person may fire, build the command with its idempotency key and typed input, run it, and
/// turn what cannot be done (a stale button, a post that is gone, a store that does not answer)
/// into a result with a sentence. Surfaces keep only their protocol: parse, verify, acknowledge,
/// render the result.
/// </summary>
public sealed class PostClicks(IPostStore store, PostCommandHandler handler, PostWorkflow workflow, ActionInputs inputs)
{
    /// <summary>Runs the click through the workflow.</summary>
    public async Task<CommandResult> HandleAsync(PostClick click, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(click);
        if (Trigger(click.ActionId) is not { } trigger)
        {
            return CommandResult.UnknownAction;
        }

        var command = new PostCommand(click.PostId, trigger, click.Person, click.Surface, click.ClickId is { Length: > 0 } id ? $"{click.Surface}:{id}" : null)
        {
            Input = CommandInputFields.Read(trigger, click.Field),
        };
        try
        {
            return await handler.HandleAsync(command, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException)
        {
            return CommandResult.StoreUnavailable;
        }
    }

    /// <summary>
    /// Before a surface asks for a button's inputs (a Slack modal): what the button asks on this
    /// post, or why this person cannot use it at all (the inputs count as given).
    /// </summary>
    public async Task<ClickForm> FormAsync(PostClick click, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(click);
        if (Trigger(click.ActionId) is not { } trigger)
        {
            return new ClickForm(null, [], CommandResult.UnknownAction);
        }

        try
        {
            if (await store.GetAsync(click.PostId, cancellationToken).ConfigureAwait(false) is not { } post)
            {
                return new ClickForm(null, [], CommandResult.NotFound);
            }

            var asked = inputs.For(post, trigger);
            if (asked.Count == 0)
            {
                return new ClickForm(post, asked, null);
            }

            var decision = workflow.Decide(post, new PostCommand(post.Id, trigger, click.Person, click.Surface, null), WorkflowFacts.Probe);
            return new ClickForm(post, asked, decision.Allowed ? null : CommandResult.Rejected(post, decision.Reasons));
        }
        catch (StoreUnavailableException)
        {
            return new ClickForm(null, [], CommandResult.StoreUnavailable);
        }
    }

    /// <summary>The trigger a button names, when it is one a person may fire.</summary>
    public static PostTrigger? Trigger(string? actionId) =>
        // By name only: "0" would parse as a trigger too.
        Enum.TryParse<PostTrigger>(actionId, ignoreCase: false, out var trigger) && trigger.ToString() == actionId && PostWorkflow.PersonTriggers.Contains(trigger) ? trigger : null;
}

/// <summary>What a button asks before it can be applied, or why it cannot be used (then <see cref="Refused"/> says why).</summary>
/// <param name="Inputs">Empty for a plain button, which the surface applies at once.</param>
public sealed record ClickForm(CustomerPost? Post, IReadOnlyList<Cards.CardInput> Inputs, CommandResult? Refused);
