using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsReply.Accountability;
using ChatOpsReply.Crises;
using ChatOpsReply.Posts;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Teams;

/// <summary>
/// A click on a spike alert's button in Teams (<see cref="TeamsSpikeAlert"/>), answered as on Slack:
/// "Not a crisis" (<see cref="SpikeAlerts.NotACrisisAsync"/>); "Declare crisis", which shows the one who
/// clicked the preview count first and declares on its confirm (<see cref="CrisisDeclarations"/>); and
/// "Resolve crisis". An Action.Execute is answered with the alert as it is now (with what the click did, for
/// the one who clicked), or with the sentence when the person may not answer; its Action.Submit fallback
/// with the sentence.
/// </summary>
public sealed partial class TeamsSpikeAnswers(
    SpikeAlerts alerts,
    SpikeAlertViews views,
    CrisisDeclarations declarations,
    ISpikeStore spikes,
    IOptions<TeamsOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<TeamsSpikeAnswers> logger)
{
    /// <summary>The click of an Action.Execute invoke on an alert; null for any other card's.</summary>
    public static SpikeClick? ReadExecute(JsonElement? value) =>
        // Adaptive Cards: value {action {type "Action.Execute", verb, data}, trigger}, adaptive-cards universal-action-model#request-format.
        value is { ValueKind: JsonValueKind.Object } v && v.TryGetProperty("action", out var action) && action.ValueKind == JsonValueKind.Object
        && action.TryGetProperty("data", out var data)
            ? TeamsSpikeAlert.Click(data)
            : null;

    /// <summary>The click of an Action.Submit fallback on an alert (the message's value is the button's data).</summary>
    public static SpikeClick? ReadSubmit(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Object } data ? TeamsSpikeAlert.Click(data) : null;

    public async Task<JsonObject> ExecuteAsync(SpikeClick click, Person? person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(click);
        if (person is not null && alerts.MayAnswer(person) && click.Action == SpikeAlerts.DeclareCrisisAction)
        {
            // Declaring moves posts: the one who clicked sees how many first, on a card of their own.
            return await PreviewAsync(click.SpikeId, person, cancellationToken).ConfigureAwait(false) is var (view, preview) && view is not null
                ? TeamsInvokeResponse.Card(TeamsSpikeAlert.Confirm(view, preview))
                : TeamsInvokeResponse.Message(SpikeAlerts.UnknownSpikeText);
        }

        var (answered, sentence) = await AnswerAsync(click, person, cancellationToken).ConfigureAwait(false);
        return answered && await views.ViewAsync(click.SpikeId, cancellationToken).ConfigureAwait(false) is { } now
            ? TeamsInvokeResponse.Card(TeamsSpikeAlert.Card(now, click.Action == SpikeAlerts.NotACrisisAction ? null : sentence))
            : TeamsInvokeResponse.Message(sentence);
    }

    /// <summary>
    /// A click from a client without Universal Actions. "Declare crisis" there says how many posts would move and
    /// asks for the declaration on the console's confirm page: a message cannot ask and wait for the answer.
    /// </summary>
    public async Task<string> SubmitAsync(SpikeClick click, Person? person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(click);
        if (person is not null && alerts.MayAnswer(person) && click.Action == SpikeAlerts.DeclareCrisisAction)
        {
            return await PreviewAsync(click.SpikeId, person, cancellationToken).ConfigureAwait(false) is var (view, preview) && view is not null
                ? $"{preview} Declare it from the alert in a Teams client that shows its buttons, or on the console's page of the spike."
                : SpikeAlerts.UnknownSpikeText;
        }

        return (await AnswerAsync(click, person, cancellationToken).ConfigureAwait(false)).Sentence;
    }

    /// <summary>The alert as it is now and the sentence saying how many posts a declaration would move; no view for an unknown spike.</summary>
    private async Task<(SpikeAlertView? View, string Preview)> PreviewAsync(string spikeId, Person person, CancellationToken cancellationToken)
    {
        if (await spikes.GetAsync(spikeId, cancellationToken).ConfigureAwait(false) is not { } spike)
        {
            return (null, "");
        }

        var view = await views.ViewAsync(spike, cancellationToken).ConfigureAwait(false);
        var candidate = declarations.Candidate(spike, person);
        var count = (await declarations.CoveredAsync(candidate, cancellationToken).ConfigureAwait(false)).Count;
        return (view, declarations.Preview(candidate, count));
    }

    /// <summary>The sentence for the person, and whether the spike was answered (by them now, or by someone before).</summary>
    private async Task<(bool Answered, string Sentence)> AnswerAsync(SpikeClick click, Person? person, CancellationToken cancellationToken)
    {
        if (person is null)
        {
            return (false, TeamsPeople.Unknown);
        }

        switch (click.Action)
        {
            case SpikeAlerts.NotACrisisAction:
                var sentence = await alerts.NotACrisisAsync(click.SpikeId, person, cancellationToken).ConfigureAwait(false);
                return (sentence is not (SpikeAlerts.NotYoursText or SpikeAlerts.UnknownSpikeText), sentence);
            case SpikeAlerts.DeclareCrisisAction or TeamsSpikeAlert.ShowAlertAction when !alerts.MayAnswer(person):
                return (false, SpikeAlerts.NotYoursText);
            case TeamsSpikeAlert.ShowAlertAction:
                return (true, "");
            case TeamsSpikeAlert.ConfirmDeclareAction:
                return await DeclareAsync(click.SpikeId, person, cancellationToken).ConfigureAwait(false);
            case SpikeAlerts.ResolveCrisisAction when click.CrisisId is { } crisisId:
                var resolved = await declarations.ResolveAsync(crisisId, person, SurfaceNames.Teams, cancellationToken).ConfigureAwait(false);
                return (resolved is not (SpikeAlerts.NotYoursText or CrisisDeclarations.UnknownCrisisText), resolved);
            default:
                return (false, CommandResult.UnknownActionMessage);
        }
    }

    /// <summary>Records the crisis, then moves its posts, each by its own command; the sentence says how it went.</summary>
    private async Task<(bool Answered, string Sentence)> DeclareAsync(string spikeId, Person person, CancellationToken cancellationToken)
    {
        if (await spikes.GetAsync(spikeId, cancellationToken).ConfigureAwait(false) is not { } spike)
        {
            return (false, SpikeAlerts.UnknownSpikeText);
        }

        var (crisis, refused) = await declarations.DeclareAsync(declarations.Candidate(spike, person), person, cancellationToken).ConfigureAwait(false);
        if (crisis is null)
        {
            return (refused != SpikeAlerts.NotYoursText, refused ?? SpikeAlerts.NotYoursText);
        }

        // The moves are the service's to finish, not this request's: they go on past the answer (and a sweep finishes
        // them after a restart, CrisisArrivals), while the click is answered before the Bot Framework gives up on it.
        var moving = declarations.MoveInAsync(crisis, person, SurfaceNames.Teams, lifetime.ApplicationStopping);
        var within = options.Value.InvokeAnswerWithin;
        if (within > TimeSpan.Zero)
        {
            await Task.WhenAny(moving, Task.Delay(within, time, cancellationToken)).ConfigureAwait(false);
            if (moving.IsCompleted)
            {
                return (true, declarations.Declared(crisis, await moving.ConfigureAwait(false)));
            }
        }

        _ = moving.ContinueWith(
            t =>
            {
                if (t.IsCompletedSuccessfully)
                {
                    LogMovedAfterAnswer(crisis.Id, t.Result.Moved, t.Result.Missed.Count);
                }
                else
                {
                    LogMovesFailed(crisis.Id, t.Exception?.GetBaseException().Message ?? "cancelled");
                }
            },
            TaskScheduler.Default);
        return (true, declarations.Moving(crisis));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Crisis {CrisisId}: {Moved} posts moved after the Teams click was answered, {Missed} not")]
    private partial void LogMovedAfterAnswer(string crisisId, int moved, int missed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Crisis {CrisisId}: moving its posts stopped after the Teams click was answered (a restart's sweep finishes them): {Failure}")]
    private partial void LogMovesFailed(string crisisId, string failure);
}
