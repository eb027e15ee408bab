using System.Text.Json.Nodes;
using System.Text.Json;
using ChatOpsReply.Accountability;
using ChatOpsReply.Cards;
using ChatOpsReply.Guidelines;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Slack;

/// <summary>
/// Clicks and modal submissions. A button without inputs is applied before Slack gets its
/// answer (stored first, then acknowledged); a button with inputs opens a modal asking them;
/// a submitted modal is applied and refused inputs are shown on the modal. Anything that
/// cannot be done is explained to the person alone (an ephemeral message), never a 500.
/// </summary>
public sealed partial class SlackInteractions(
    IPostStore store,
    PostCommandHandler handler,
    PostWorkflow workflow,
    PostCardBuilder cards,
    ReplyGuidelines guidelines,
    SlackPeople people,
    SlackWebApi slack,
    SlackFollowUps followUps,
    SlackAnswers answers,
    ILogger<SlackInteractions> logger)
{
    /// <summary>The callback id of the modal that asks an action's inputs.</summary>
    public const string ActionModal = "chatopsreply.action";

    public const string StoreUnavailable = "ChatOpsReply cannot reach its store right now, so nothing changed. Please try again in a moment.";

    public const string StaleButton = "That button is from an older version of ChatOpsReply and does nothing now.";

    public static string UnknownPerson(string slackUserId) =>
        $"ChatOpsReply does not know your Slack account ({slackUserId}). Ask an administrator to add your Slack user id to Accountability:People.";

    /// <returns>The body to answer Slack with, or null for an empty 200.</returns>
    public async Task<JsonObject?> HandleAsync(JsonElement payload, CancellationToken cancellationToken)
    {
        // Slack: interaction payloads carry their kind in "type", docs.slack.dev/reference/interaction-payloads
        switch (SlackPayload.String(payload, "type"))
        {
            case "block_actions":
                await BlockActionsAsync(payload, cancellationToken).ConfigureAwait(false);
                return null;
            case "view_submission":
                return await ViewSubmissionAsync(payload, cancellationToken).ConfigureAwait(false);
            case "block_suggestion":
                // Answered in the acknowledgement itself: the options are the answer.
                return await answers.OptionsAsync(payload, cancellationToken).ConfigureAwait(false);
            default:
                return null;
        }
    }

    private async Task BlockActionsAsync(JsonElement payload, CancellationToken cancellationToken)
    {
        var userId = SlackPayload.String(payload, "user", "id") ?? "";
        // Slack: block_actions name their message's channel in container.channel_id (or channel.id), docs.slack.dev/reference/interaction-payloads/block_actions-payload
        var channel = SlackPayload.String(payload, "container", "channel_id") ?? SlackPayload.String(payload, "channel", "id");
        if (SlackPayload.Property(payload, "actions") is not { ValueKind: JsonValueKind.Array } actions || actions.GetArrayLength() == 0)
        {
            return;
        }

        var action = actions[0];
        var actionId = SlackPayload.String(action, "action_id") ?? "";
        if (SlackPayload.String(payload, "container", "type") == "view")
        {
            // Slack: an action in a modal names its input block in block_id (action ids change with the modal's revision), docs.slack.dev/reference/interaction-payloads/block_actions-payload
            switch (SlackPayload.String(action, "block_id"))
            {
                case CommandInputFields.Text:
                    LiveCheck(payload, SlackPayload.String(action, "value"));
                    break;
                case CommandInputFields.AnswerId:
                    AnswerChosen(payload, SlackPayload.String(action, "selected_option", "value"));
                    break;
            }

            return;
        }

        var postId = SlackPayload.String(action, "value");
        if (!Enum.TryParse<PostTrigger>(actionId, out var trigger) || !PostWorkflow.PersonTriggers.Contains(trigger) || string.IsNullOrEmpty(postId))
        {
            Tell(channel, userId, StaleButton);
            return;
        }

        var person = await people.FindAsync(userId, cancellationToken).ConfigureAwait(false);
        if (person is null)
        {
            Tell(channel, userId, UnknownPerson(userId));
            return;
        }

        try
        {
            var post = await store.GetAsync(postId, cancellationToken).ConfigureAwait(false);
            if (post is null)
            {
                Tell(channel, userId, CommandResult.NotFound.Message);
                return;
            }

            // The shared card says which buttons this state offers and what each asks (no per-person guards: cheap).
            var card = cards.Build(post, null);
            if (card.Actions.FirstOrDefault(a => a.Id == actionId) is { Inputs.Count: > 0 } asking)
            {
                // Before asking for inputs, make sure this person may do it at all (inputs count as given).
                var decision = workflow.Decide(post, new PostCommand(post.Id, trigger, person, SlackSurface.SurfaceName, null), WorkflowFacts.Probe);
                if (!decision.Allowed)
                {
                    Tell(channel, userId, string.Join(" ", decision.Reasons));
                    return;
                }

                OpenModal(SlackPayload.String(payload, "trigger_id"), userId, post, card, asking, new SlackModalState(post.Id, actionId, channel));
                return;
            }

            // Slack: action_ts identifies this click; a redelivered payload carries the same one, docs.slack.dev/reference/interaction-payloads/block_actions-payload
            var key = $"slack:{userId}:{SlackPayload.String(action, "action_ts") ?? SlackPayload.String(payload, "trigger_id")}";
            var result = await handler.HandleAsync(new PostCommand(post.Id, trigger, person, SlackSurface.SurfaceName, key), cancellationToken).ConfigureAwait(false);
            LogClick(trigger, person.Id, result.Outcome);
            if (result.Outcome != CommandOutcome.AlreadyApplied && (result.Outcome != CommandOutcome.Applied || result.Warnings.Count > 0))
            {
                Tell(channel, userId, result.Message);
            }
        }
        catch (StoreUnavailableException)
        {
            Tell(channel, userId, StoreUnavailable);
        }
    }

    private async Task<JsonObject?> ViewSubmissionAsync(JsonElement payload, CancellationToken cancellationToken)
    {
        var view = SlackPayload.Property(payload, "view") ?? default;
        var state = SlackPayload.String(view, "callback_id") == ActionModal ? SlackModalState.Parse(SlackPayload.String(view, "private_metadata")) : null;
        if (state is null)
        {
            return null;
        }

        var values = Values(view);
        var firstBlock = values.Keys.FirstOrDefault();
        var userId = SlackPayload.String(payload, "user", "id") ?? "";
        if (!Enum.TryParse<PostTrigger>(state.Action, out var trigger) || !PostWorkflow.PersonTriggers.Contains(trigger))
        {
            return Errors(firstBlock, StaleButton);
        }

        var person = await people.FindAsync(userId, cancellationToken).ConfigureAwait(false);
        if (person is null)
        {
            return Errors(firstBlock, UnknownPerson(userId));
        }

        try
        {
            // Slack: view.id stays the same for a modal's submissions; one applied submission is enough, docs.slack.dev/reference/interaction-payloads/view-interactions-payload
            var command = new PostCommand(state.PostId, trigger, person, SlackSurface.SurfaceName, $"slack:view:{SlackPayload.String(view, "id")}")
            {
                Input = CommandInputFields.Read(name => values.GetValueOrDefault(name)),
            };
            var result = await handler.HandleAsync(command, cancellationToken).ConfigureAwait(false);
            LogClick(trigger, person.Id, result.Outcome);
            switch (result.Outcome)
            {
                case CommandOutcome.Applied:
                    if (result.Warnings.Count > 0)
                    {
                        Tell(state.Channel, userId, result.Message);
                    }

                    return null;
                case CommandOutcome.AlreadyApplied:
                    return null;
                default:
                    // A refused draft is about its text; anything else is shown on the first input.
                    var block = trigger == PostTrigger.SubmitDraft && values.ContainsKey(CommandInputFields.Text) ? CommandInputFields.Text : firstBlock;
                    return Errors(block, result.Message);
            }
        }
        catch (StoreUnavailableException)
        {
            return Errors(firstBlock, StoreUnavailable);
        }
    }

    /// <summary>A modal's inputs by block id: typed text, or the value of the chosen option.</summary>
    private static Dictionary<string, string?> Values(JsonElement view)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        // Slack: view.state.values[block_id][action_id] holds value or selected_option, docs.slack.dev/reference/interaction-payloads/view-interactions-payload#view_submission
        if (SlackPayload.Property(view, "state") is { } state && SlackPayload.Property(state, "values") is { ValueKind: JsonValueKind.Object } blocks)
        {
            foreach (var block in blocks.EnumerateObject())
            {
                if (block.Value.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                foreach (var element in block.Value.EnumerateObject())
                {
                    values[block.Name] = SlackPayload.String(element.Value, "value") ?? SlackPayload.String(element.Value, "selected_option", "value");
                }
            }
        }

        return values;
    }

    /// <summary>The answer that keeps a modal open and shows <paramref name="message"/> under an input.</summary>
    private static JsonObject Errors(string? block, string message) =>
        // Slack: response_action "errors" maps block ids to messages, docs.slack.dev/surfaces/modals#displaying_errors
        new() { ["response_action"] = "errors", ["errors"] = new JsonObject { [block ?? CommandInputFields.Text] = Mrkdwn.Truncate(message, 2000) } };

    private void OpenModal(string? triggerId, string userId, CustomerPost post, CardModel card, CardAction action, SlackModalState state)
    {
        if (triggerId is null)
        {
            return;
        }

        // Slack: trigger_id expires 3 seconds after the click, so the modal opens right after the acknowledgement, docs.slack.dev/surfaces/modals#opening_modals
        followUps.Enqueue("open modal", async ct =>
        {
            var asked = await AskedAsync(post, action, ct).ConfigureAwait(false);
            var view = BlockKitRenderer.Modal(card, asked, ModalOptions(state, action.Id == nameof(PostTrigger.SubmitDraft) ? [DraftHint] : []));
            var opened = await slack.OpenViewAsync(triggerId, view, ct).ConfigureAwait(false);
            if (!opened.Ok)
            {
                LogModalFailed(state.PostId, opened.Error.ToString());
                Tell(state.Channel, userId, $"Slack did not open the form ({opened.Error.Code}). Please click {action.Label} again.");
            }
        });
    }

    private const string DraftHint = "Your reply is checked against the house rules as you type.";

    /// <summary>Typing in the draft's text asks for a live guideline check: the modal is redrawn with the result.</summary>
    private void LiveCheck(JsonElement payload, string? text) =>
        Redraw(payload, "live check", keepNewer: true, async (post, offered, state, _, ct) =>
            new Redrawn(await AskedAsync(post, offered, ct).ConfigureAwait(false), Notes(guidelines.Check(post, text)), state));

    /// <summary>
    /// Choosing a library answer fills the reply in with it, personalised for the post and the
    /// person, and checks it; a placeholder nobody can fill is named. The inputs move to a new
    /// revision, or Slack would keep what was typed before.
    /// </summary>
    private void AnswerChosen(JsonElement payload, string? answerId) =>
        // The choice is the person's latest word: no hash, so a live check still in flight cannot stop it.
        Redraw(payload, "answer chosen", keepNewer: false, async (post, offered, state, person, ct) =>
        {
            var (draft, filled, problem) = await answers.FillAsync(post, person, offered, answerId, ct).ConfigureAwait(false);
            IReadOnlyList<string> notes = problem is not null ? [$"✗ {problem}"] : Notes(guidelines.Check(post, filled));
            return new Redrawn(draft, notes, filled is null ? state : state with { Revision = state.Revision + 1 });
        });

    /// <summary>Redraws an open modal after the person used one of its inputs, once the acknowledgement is gone.</summary>
    /// <param name="keepNewer">Send the view's hash, so a redraw never overwrites a newer view.</param>
    private void Redraw(JsonElement payload, string what, bool keepNewer, Func<CustomerPost, CardAction, SlackModalState, Person, CancellationToken, Task<Redrawn>> redraw)
    {
        var view = SlackPayload.Property(payload, "view") ?? default;
        var state = SlackPayload.String(view, "callback_id") == ActionModal ? SlackModalState.Parse(SlackPayload.String(view, "private_metadata")) : null;
        var viewId = SlackPayload.String(view, "id");
        if (state is null || viewId is null)
        {
            return;
        }

        var hash = keepNewer ? SlackPayload.String(view, "hash") : null;
        var userId = SlackPayload.String(payload, "user", "id") ?? "";
        followUps.Enqueue(what, async ct =>
        {
            var post = await store.GetAsync(state.PostId, ct).ConfigureAwait(false);
            var person = await people.FindAsync(userId, ct).ConfigureAwait(false);
            if (post is null || person is null || cards.Build(post, person) is not { } card || card.Actions.FirstOrDefault(a => a.Id == state.Action) is not { } offered)
            {
                return;
            }

            var redrawn = await redraw(post, offered, state, person, ct).ConfigureAwait(false);
            // Slack: passing the hash makes a stale update fail (hash_conflict) instead of overwriting a newer one, docs.slack.dev/reference/methods/views.update
            var updated = await slack.UpdateViewAsync(viewId, hash, BlockKitRenderer.Modal(card, redrawn.Action, ModalOptions(redrawn.State, redrawn.Notes)), ct).ConfigureAwait(false);
            if (!updated.Ok && updated.Error.Code != "hash_conflict")
            {
                LogModalFailed(post.Id, updated.Error.ToString());
            }
        });
    }

    /// <summary>What a modal asks for an action: the draft also offers the library's answers.</summary>
    private async Task<CardAction> AskedAsync(CustomerPost post, CardAction action, CancellationToken cancellationToken) =>
        action.Id == nameof(PostTrigger.SubmitDraft) ? await answers.DraftAsync(post, action, cancellationToken: cancellationToken).ConfigureAwait(false) : action;

    private static IReadOnlyList<string> Notes(GuidelineReport report) =>
        report.Errors.Count == 0 && report.Warnings.Count == 0
            ? ["✓ The reply follows the house rules."]
            : [.. report.Errors.Select(e => $"✗ {e}"), .. report.Warnings.Select(w => $"⚠ {w}")];

    private static readonly IReadOnlySet<string> AnswerSelect = new HashSet<string> { CommandInputFields.AnswerId };

    private static BlockKitModalOptions ModalOptions(SlackModalState state, IReadOnlyList<string> notes) =>
        new(ActionModal, state.Serialize())
        {
            LiveCheckInput = state.Action == nameof(PostTrigger.SubmitDraft) ? CommandInputFields.Text : null,
            ExternalSelects = state.Action == nameof(PostTrigger.SubmitDraft) ? AnswerSelect : new HashSet<string>(),
            Revision = state.Revision,
            Notes = notes,
        };

    /// <summary>A modal redrawn: the action it asks, the lines under it, and its state.</summary>
    private readonly record struct Redrawn(CardAction Action, IReadOnlyList<string> Notes, SlackModalState State);

    /// <summary>An ephemeral message to the person who acted, after the acknowledgement.</summary>
    private void Tell(string? channel, string? userId, string? text)
    {
        if (channel is null || string.IsNullOrEmpty(userId) || text is null)
        {
            return;
        }

        followUps.Enqueue("ephemeral answer", ct => slack.PostEphemeralAsync(channel, userId, text, ct));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack {Trigger} by {Person}: {Outcome}")]
    private partial void LogClick(PostTrigger trigger, string person, CommandOutcome outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack modal for post {PostId} failed: {Error}")]
    private partial void LogModalFailed(string postId, string error);
}
