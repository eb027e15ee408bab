using System.Text.Json.Nodes;
using System.Text.Json;
using ChatOpsReply.Accountability;
using ChatOpsReply.Cards;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Teams;

/// <summary>
/// A click on a card: <c>Action.Execute</c> (an <c>adaptiveCard/action</c> invoke, answered with
/// the person's refreshed card) or its <c>Action.Submit</c> fallback (a message, answered in the
/// thread). Either becomes the same <see cref="PostCommand"/> every surface sends.
/// </summary>
public sealed class TeamsCardActions(IPostStore posts, PostCommandHandler handler, TeamsCards cards)
{
    public const string StoreUnavailable = "The store is unavailable right now, so nothing changed. Please try again in a moment.";

    /// <summary>Reads an Action.Execute invoke: value.action.verb and value.action.data.</summary>
    public static CardClick? ReadExecute(JsonElement? value)
    {
        // Adaptive Cards: value {action {type "Action.Execute", verb, data}, trigger}, adaptive-cards universal-action-model#request-format.
        if (value is not { ValueKind: JsonValueKind.Object } v
            || !v.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.Object
            || !action.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var verb = action.TryGetProperty("verb", out var verbValue) && verbValue.ValueKind == JsonValueKind.String ? verbValue.GetString() : null;
        return verb is not null && Field(data, AdaptiveCardRenderer.PostIdField) is { } postId ? new CardClick(verb, postId, data) : null;
    }

    /// <summary>Reads an Action.Submit fallback: the message's value is the action's data merged with its inputs.</summary>
    public static CardClick? ReadSubmit(JsonElement? value) =>
        // Teams: Action.Submit sends a message activity whose value holds data and inputs, msteams-docs task-modules-and-cards/cards/cards-actions#actionsubmit.
        value is { ValueKind: JsonValueKind.Object } data
        && Field(data, AdaptiveCardRenderer.ActionField) is { } verb
        && Field(data, AdaptiveCardRenderer.PostIdField) is { } postId
            ? new CardClick(verb, postId, data)
            : null;

    /// <summary>The answer to an Action.Execute: the person's card, with a sentence when something was refused.</summary>
    public async Task<JsonObject> ExecuteAsync(CardClick click, Person? person, string? activityId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(click);
        try
        {
            var post = await posts.GetAsync(click.PostId, cancellationToken).ConfigureAwait(false);
            if (post is null)
            {
                return TeamsInvokeResponse.Message(CommandResult.NotFound.Message);
            }

            if (click.Verb == AdaptiveCardRenderer.RefreshVerb)
            {
                return TeamsInvokeResponse.Card(person is null
                    ? await cards.RenderReadOnlyAsync(post, null, cancellationToken).ConfigureAwait(false)
                    : await cards.RenderAsync(post, person, null, cancellationToken).ConfigureAwait(false));
            }

            if (Trigger(click.Verb) is not { } trigger)
            {
                return TeamsInvokeResponse.BadRequest($"'{click.Verb}' is not an action ChatOpsReply knows.");
            }

            if (person is null)
            {
                return TeamsInvokeResponse.Message(TeamsPeople.Unknown);
            }

            var result = await RunAsync(click, trigger, person, activityId, cancellationToken).ConfigureAwait(false);
            if (result.Post is null)
            {
                return TeamsInvokeResponse.Message(result.Message);
            }

            var notice = result is { Outcome: CommandOutcome.Applied, Warnings.Count: 0 } ? null : result.Message;
            return TeamsInvokeResponse.Card(await cards.RenderAsync(result.Post, person, notice, cancellationToken).ConfigureAwait(false));
        }
        catch (StoreUnavailableException)
        {
            return TeamsInvokeResponse.Message(StoreUnavailable);
        }
    }

    /// <summary>The answer to an Action.Submit fallback: the sentence to reply with (the card is updated by the outbox).</summary>
    public async Task<string> SubmitAsync(CardClick click, Person? person, string? activityId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(click);
        if (Trigger(click.Verb) is not { } trigger)
        {
            return $"'{click.Verb}' is not an action ChatOpsReply knows.";
        }

        if (person is null)
        {
            return TeamsPeople.Unknown;
        }

        try
        {
            return (await RunAsync(click, trigger, person, activityId, cancellationToken).ConfigureAwait(false)).Message;
        }
        catch (StoreUnavailableException)
        {
            return StoreUnavailable;
        }
    }

    private Task<CommandResult> RunAsync(CardClick click, PostTrigger trigger, Person person, string? activityId, CancellationToken cancellationToken)
    {
        // The activity id is the click's identity: the same invoke delivered twice is applied once.
        var command = new PostCommand(click.PostId, trigger, person, TeamsSurface.SurfaceName, activityId is { Length: > 0 } ? $"teams:{activityId}" : null)
        {
            Input = CommandInputFields.Read(name => Field(click.Data, AdaptiveCardRenderer.InputId(click.Verb, name)) ?? Field(click.Data, name)),
        };
        return handler.HandleAsync(command, cancellationToken);
    }

    private static PostTrigger? Trigger(string verb) =>
        Enum.TryParse<PostTrigger>(verb, ignoreCase: false, out var trigger) && PostWorkflow.PersonTriggers.Contains(trigger) ? trigger : null;

    private static string? Field(JsonElement data, string name) =>
        data.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;
}
