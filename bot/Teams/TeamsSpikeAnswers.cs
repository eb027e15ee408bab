using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsReply.Accountability;
using ChatOpsReply.Crises;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Teams;

/// <summary>
/// A click on a spike alert's button in Teams (<see cref="TeamsSpikeAlert"/>): "Not a crisis", answered as
/// on Slack (<see cref="SpikeAlerts.NotACrisisAsync"/>). An Action.Execute is answered with the alert as it
/// is now, or with the sentence when the person may not answer; its Action.Submit fallback with the sentence.
/// </summary>
public sealed class TeamsSpikeAnswers(SpikeAlerts alerts, SpikeAlertViews views)
{
    /// <summary>The spike and action of an Action.Execute invoke on an alert; null for any other card's.</summary>
    public static (string SpikeId, string Action)? ReadExecute(JsonElement? value) =>
        // Adaptive Cards: value {action {type "Action.Execute", verb, data}, trigger}, adaptive-cards universal-action-model#request-format.
        value is { ValueKind: JsonValueKind.Object } v && v.TryGetProperty("action", out var action) && action.ValueKind == JsonValueKind.Object
        && action.TryGetProperty("data", out var data)
            ? TeamsSpikeAlert.Click(data)
            : null;

    /// <summary>The spike and action of an Action.Submit fallback on an alert (the message's value is the button's data).</summary>
    public static (string SpikeId, string Action)? ReadSubmit(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Object } data ? TeamsSpikeAlert.Click(data) : null;

    public async Task<JsonObject> ExecuteAsync((string SpikeId, string Action) click, Person? person, CancellationToken cancellationToken)
    {
        var (answered, sentence) = await AnswerAsync(click, person, cancellationToken).ConfigureAwait(false);
        return answered && await views.ViewAsync(click.SpikeId, cancellationToken).ConfigureAwait(false) is { } view
            ? TeamsInvokeResponse.Card(TeamsSpikeAlert.Card(view))
            : TeamsInvokeResponse.Message(sentence);
    }

    public async Task<string> SubmitAsync((string SpikeId, string Action) click, Person? person, CancellationToken cancellationToken) =>
        (await AnswerAsync(click, person, cancellationToken).ConfigureAwait(false)).Sentence;

    /// <summary>The sentence for the person, and whether the spike was answered (by them now, or by someone before).</summary>
    private async Task<(bool Answered, string Sentence)> AnswerAsync((string SpikeId, string Action) click, Person? person, CancellationToken cancellationToken)
    {
        if (person is null)
        {
            return (false, TeamsPeople.Unknown);
        }

        if (click.Action != SpikeAlerts.NotACrisisAction)
        {
            return (false, CommandResult.UnknownActionMessage);
        }

        var sentence = await alerts.NotACrisisAsync(click.SpikeId, person, cancellationToken).ConfigureAwait(false);
        return (sentence is not (SpikeAlerts.NotYoursText or SpikeAlerts.UnknownSpikeText), sentence);
    }
}
