using System.Text.Json.Nodes;
using System.Text.Json;
using ChatOpsReply.Cards;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Slack;

/// <summary>
/// A submitted action modal: applied as the action with what was typed in it. A refusal keeps
/// the modal open with the reason under the input it is about, so nothing typed is lost.
/// </summary>
public sealed partial class SlackViewSubmissions(PostClicks clicks, SlackPeople people, SlackEphemerals ephemerals, ILogger<SlackViewSubmissions> logger)
{
    /// <returns>The body to answer Slack with, or null for an empty 200 (the modal closes).</returns>
    public async Task<JsonObject?> HandleAsync(JsonElement payload, CancellationToken cancellationToken)
    {
        var view = SlackPayload.Property(payload, "view") ?? default;
        if (SlackActionModal.StateOf(view) is not { } state)
        {
            return null;
        }

        var values = Values(view);
        var firstBlock = values.Keys.FirstOrDefault();
        var userId = SlackPayload.String(payload, "user", "id") ?? "";
        if (await people.FindAsync(userId, cancellationToken).ConfigureAwait(false) is not { } person)
        {
            return Errors(firstBlock, SlackInteractions.UnknownPerson(userId));
        }

        // Slack: view.id stays the same for a modal's submissions; one applied submission is enough, docs.slack.dev/reference/interaction-payloads/view-interactions-payload
        var click = new PostClick(state.PostId, state.Action, person, SurfaceNames.Slack, $"view:{SlackPayload.String(view, "id")}")
        {
            Field = name => values.GetValueOrDefault(name),
        };
        var result = await clicks.HandleAsync(click, cancellationToken).ConfigureAwait(false);
        LogSubmitted(state.Action, person.Id, result.Outcome);
        switch (result.Outcome)
        {
            case CommandOutcome.Applied:
                if (result.Warnings.Count > 0)
                {
                    ephemerals.Tell(state.Channel, userId, FindingLines.AfterDraft(result) ?? result.Message);
                }

                return null;
            case CommandOutcome.AlreadyApplied:
                return null;
            default:
                // A refused draft is about its text; anything else is shown on the first input.
                var block = state.Action == nameof(PostTrigger.SubmitDraft) && values.ContainsKey(CommandInputFields.Text) ? CommandInputFields.Text : firstBlock;
                return Errors(block, state.Action == nameof(PostTrigger.SubmitDraft) ? FindingLines.Refused(result) : result.Message);
        }
    }

    /// <summary>A modal's inputs by block id: typed text, or the value of the chosen option.</summary>
    internal static Dictionary<string, string?> Values(JsonElement view)
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
    internal static JsonObject Errors(string? block, string message) =>
        // Slack: response_action "errors" maps block ids to messages, docs.slack.dev/surfaces/modals#displaying_errors
        new() { ["response_action"] = "errors", ["errors"] = new JsonObject { [block ?? CommandInputFields.Text] = Mrkdwn.Truncate(message, 2000) } };

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack {Action} submitted by {Person}: {Outcome}")]
    private partial void LogSubmitted(string action, string person, CommandOutcome outcome);
}
