using System.Text.Json;
using ChatOpsReply.Cards;
using ChatOpsReply.Crises;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Slack;

/// <summary>
/// A button on a card, or a post chosen in a digest's Claim menu. A button without inputs is applied before Slack gets its answer (stored
/// first, then acknowledged); a button with inputs opens the action modal asking them, once the
/// person is known to be allowed to use it.
/// </summary>
public sealed partial class SlackBlockActions(
    PostClicks clicks,
    PostCardBuilder cards,
    SlackPeople people,
    SlackWebApi slack,
    SlackFollowUps followUps,
    SlackActionModal modal,
    SlackEphemerals ephemerals,
    SpikeAlerts spikes,
    SlackCrisisAnswers crises,
    SlackHoldingStatements holding,
    ILogger<SlackBlockActions> logger)
{
    public async Task HandleAsync(JsonElement payload, CancellationToken cancellationToken)
    {
        var userId = SlackPayload.String(payload, "user", "id") ?? "";
        // Slack: block_actions name their message's channel in container.channel_id (or channel.id), docs.slack.dev/reference/interaction-payloads/block_actions-payload
        var channel = SlackPayload.String(payload, "container", "channel_id") ?? SlackPayload.String(payload, "channel", "id");
        if (SlackPayload.Property(payload, "actions") is not { ValueKind: JsonValueKind.Array } actions || actions.GetArrayLength() == 0)
        {
            return;
        }

        var action = actions[0];
        var actionId = BlockKitRenderer.DigestTrigger(SlackPayload.String(action, "action_id") ?? "");
        // Slack: a button's value is in value, a select menu's choice in selected_option.value (a digest's Claim menu), docs.slack.dev/reference/interaction-payloads/block_actions-payload
        var postId = SlackPayload.String(action, "value") ?? SlackPayload.String(action, "selected_option", "value");
        if (actionId == SpikeAlerts.NotACrisisAction && !string.IsNullOrEmpty(postId))
        {
            await AnswerSpikeAsync(postId, userId, channel, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (actionId == SpikeAlerts.DeclareCrisisAction && !string.IsNullOrEmpty(postId))
        {
            await crises.AskToDeclareAsync(postId, userId, channel, SlackPayload.String(payload, "trigger_id"), cancellationToken).ConfigureAwait(false);
            return;
        }

        if (actionId == SpikeAlerts.ResolveCrisisAction && !string.IsNullOrEmpty(postId))
        {
            await crises.ResolveAsync(postId, userId, channel, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (SlackHoldingStatements.IsHoldingAction(actionId) && !string.IsNullOrEmpty(postId))
        {
            await holding.ClickedAsync(actionId, postId, userId, channel, SlackPayload.String(payload, "trigger_id"), cancellationToken).ConfigureAwait(false);
            return;
        }

        if (PostClicks.Trigger(actionId) is null || string.IsNullOrEmpty(postId))
        {
            ephemerals.Tell(channel, userId, CommandResult.UnknownActionMessage);
            return;
        }

        if (await people.FindAsync(userId, cancellationToken).ConfigureAwait(false) is not { } person)
        {
            ephemerals.Tell(channel, userId, SlackInteractions.UnknownPerson(userId));
            return;
        }

        // Slack: action_ts identifies this click; a redelivered payload carries the same one, docs.slack.dev/reference/interaction-payloads/block_actions-payload
        var click = new PostClick(postId, actionId, person, SurfaceNames.Slack, $"{userId}:{SlackPayload.String(action, "action_ts") ?? SlackPayload.String(payload, "trigger_id")}");
        var form = await clicks.FormAsync(click, cancellationToken).ConfigureAwait(false);
        if (form.Refused is { } refused)
        {
            ephemerals.Tell(channel, userId, refused.Message);
            return;
        }

        if (form is { Post: { } post, Inputs.Count: > 0 })
        {
            OpenModal(SlackPayload.String(payload, "trigger_id"), userId, post, actionId, new SlackModalState(post.Id, actionId, channel));
            return;
        }

        var result = await clicks.HandleAsync(click, cancellationToken).ConfigureAwait(false);
        LogClick(actionId, person.Id, result.Outcome);
        if (result.Outcome != CommandOutcome.AlreadyApplied && (result.Outcome != CommandOutcome.Applied || result.Warnings.Count > 0))
        {
            ephemerals.Tell(channel, userId, result.Message);
        }
    }

    /// <summary>"Not a crisis" on a spike alert (its value is the spike's id): the person hears what became of it.</summary>
    private async Task AnswerSpikeAsync(string spikeId, string userId, string? channel, CancellationToken cancellationToken)
    {
        if (await people.FindAsync(userId, cancellationToken).ConfigureAwait(false) is not { } person)
        {
            ephemerals.Tell(channel, userId, SlackInteractions.UnknownPerson(userId));
            return;
        }

        ephemerals.Tell(channel, userId, await spikes.NotACrisisAsync(spikeId, person, cancellationToken).ConfigureAwait(false));
    }

    private void OpenModal(string? triggerId, string userId, CustomerPost post, string actionId, SlackModalState state)
    {
        if (triggerId is null)
        {
            return;
        }

        // The shared card draws the modal: what the customer said, and the action as this state offers it.
        var card = cards.Build(post, null);
        if (card.Actions.FirstOrDefault(a => a.Id == actionId) is not { } action)
        {
            return;
        }

        // Slack: trigger_id expires 3 seconds after the click, so the modal opens right after the acknowledgement, docs.slack.dev/surfaces/modals#opening_modals
        followUps.Enqueue("open modal", async ct =>
        {
            var asked = await modal.AskedAsync(post, action, ct).ConfigureAwait(false);
            var view = BlockKitRenderer.Modal(card, asked, SlackActionModal.Options(state, action.Id == nameof(PostTrigger.SubmitDraft) ? [SlackActionModal.DraftHint] : []));
            var opened = await slack.OpenViewAsync(triggerId, view, ct).ConfigureAwait(false);
            if (!opened.Ok)
            {
                LogModalFailed(state.PostId, opened.Error.ToString());
                ephemerals.Tell(state.Channel, userId, $"Slack did not open the form ({opened.Error.Code}). Please click {action.Label} again.");
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack {Action} by {Person}: {Outcome}")]
    private partial void LogClick(string action, string person, CommandOutcome outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack modal for post {PostId} failed: {Error}")]
    private partial void LogModalFailed(string postId, string error);
}
