using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatOpsReply.Slack;

/// <summary>
/// Every interaction payload, sent to the handler for its kind: a button on a message, an input
/// used inside an open modal, a submitted modal, an options request. Each answers within Slack's
/// 3 seconds; anything that cannot be done is explained to the person alone, never a 500.
/// </summary>
public sealed class SlackInteractions(SlackBlockActions blockActions, SlackModalRedraws redraws, SlackViewSubmissions submissions, SlackAnswers answers, SlackCrisisAnswers crises, SlackHoldingStatements holding)
{
    public static string UnknownPerson(string slackUserId) =>
        $"ChatOpsReply does not know your Slack account ({slackUserId}). Ask an administrator to add your Slack user id to Accountability:People.";

    /// <returns>The body to answer Slack with, or null for an empty 200.</returns>
    public async Task<JsonObject?> HandleAsync(JsonElement payload, CancellationToken cancellationToken)
    {
        // Slack: interaction payloads carry their kind in "type", docs.slack.dev/reference/interaction-payloads
        switch (SlackPayload.String(payload, "type"))
        {
            // Slack: an action inside a modal has a container of type "view", docs.slack.dev/reference/interaction-payloads/block_actions-payload
            case "block_actions" when SlackPayload.String(payload, "container", "type") == "view":
                redraws.Handle(payload);
                return null;
            case "block_actions":
                await blockActions.HandleAsync(payload, cancellationToken).ConfigureAwait(false);
                return null;
            case "view_submission" when SlackCrisisAnswers.IsDeclareView(payload):
                return await crises.DeclareAsync(payload, cancellationToken).ConfigureAwait(false);
            case "view_submission" when SlackHoldingStatements.IsHoldingView(payload):
                return await holding.SubmittedAsync(payload, cancellationToken).ConfigureAwait(false);
            case "view_submission":
                return await submissions.HandleAsync(payload, cancellationToken).ConfigureAwait(false);
            case "block_suggestion":
                // Answered in the acknowledgement itself: the options are the answer.
                return await answers.OptionsAsync(payload, cancellationToken).ConfigureAwait(false);
            default:
                return null;
        }
    }
}
