using System.Text.Json.Nodes;
using System.Text.Json;
using ChatOpsReply.Accountability;
using ChatOpsReply.Cards;
using ChatOpsReply.Posts;
using ChatOpsReply.Storage.Sqlite;

namespace ChatOpsReply.Teams;

/// <summary>
/// A click on a card: <c>Action.Execute</c> (an <c>adaptiveCard/action</c> invoke, answered with
/// the person's refreshed card) or its <c>Action.Submit</c> fallback (a message, answered in the
/// thread). Either becomes the same <see cref="PostCommand"/> every surface sends.
/// </summary>
public sealed class TeamsCardActions(IPostStore posts, PostClicks clicks, TeamsCards cards, TeamsDigests digests)
{
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

    /// <summary>
    /// The answer to an Action.Execute: the person's card, with a sentence when something was refused;
    /// for a Claim on a digest's line, the digest redrawn (the line says who claimed it).
    /// </summary>
    /// <param name="conversationId">Where the clicked card is: a digest's lines are found by it.</param>
    public async Task<JsonObject> ExecuteAsync(CardClick click, Person? person, string? activityId, CancellationToken cancellationToken, string? conversationId = null)
    {
        ArgumentNullException.ThrowIfNull(click);
        if (click.Verb == AdaptiveCardRenderer.RefreshVerb)
        {
            return await RefreshAsync(click.PostId, person, cancellationToken).ConfigureAwait(false);
        }

        // Adaptive Cards: an unknown verb is a bad request, adaptive-cards universal-action-model#response-format
        if (PostClicks.Trigger(click.Verb) is null)
        {
            return TeamsInvokeResponse.BadRequest(UnknownVerb(click.Verb));
        }

        if (person is null)
        {
            return TeamsInvokeResponse.Message(TeamsPeople.Unknown);
        }

        var result = await clicks.HandleAsync(Click(click, person, activityId), cancellationToken).ConfigureAwait(false);
        if (result.Post is null)
        {
            return TeamsInvokeResponse.Message(result.Message);
        }

        if (TeamsDigests.NumberOf(click.Data) is { } digest && conversationId is not null)
        {
            // The digest stays in place: a refusal is a sentence, a claim shows on its line at once (for everyone at the digest's next redraw).
            return result.Outcome == CommandOutcome.Applied
                ? TeamsInvokeResponse.Card(await digests.CardAsync(conversationId, digest, cancellationToken).ConfigureAwait(false))
                : TeamsInvokeResponse.Message(result.Message);
        }

        // A draft's notice names every finding with the words it is about.
        var notice = click.Verb == nameof(PostTrigger.SubmitDraft)
            ? FindingLines.AfterDraft(result)
            : result is { Outcome: CommandOutcome.Applied, Warnings.Count: 0 } ? null : result.Message;
        try
        {
            return TeamsInvokeResponse.Card(await cards.RenderAsync(result.Post, person, notice, cancellationToken).ConfigureAwait(false));
        }
        catch (StoreUnavailableException)
        {
            // Applied, but the card cannot be drawn for this person now: say what happened.
            return TeamsInvokeResponse.Message(result.Message);
        }
    }

    /// <summary>The answer to an Action.Submit fallback: the sentence to reply with (the card is updated by the outbox).</summary>
    public async Task<string> SubmitAsync(CardClick click, Person? person, string? activityId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(click);
        if (PostClicks.Trigger(click.Verb) is null)
        {
            return UnknownVerb(click.Verb);
        }

        return person is null
            ? TeamsPeople.Unknown
            : (await clicks.HandleAsync(Click(click, person, activityId), cancellationToken).ConfigureAwait(false)).Message;
    }

    /// <summary>A card's automatic refresh: the card as this person may use it now.</summary>
    private async Task<JsonObject> RefreshAsync(string postId, Person? person, CancellationToken cancellationToken)
    {
        try
        {
            if (await posts.GetAsync(postId, cancellationToken).ConfigureAwait(false) is not { } post)
            {
                return TeamsInvokeResponse.Message(CommandResult.NotFound.Message);
            }

            return TeamsInvokeResponse.Card(person is null
                ? await cards.RenderReadOnlyAsync(post, null, cancellationToken).ConfigureAwait(false)
                : await cards.RenderAsync(post, person, null, cancellationToken).ConfigureAwait(false));
        }
        catch (StoreUnavailableException)
        {
            return TeamsInvokeResponse.Message(CommandResult.StoreUnavailableMessage);
        }
    }

    /// <summary>
    /// The click as every surface sends it. The activity id is the click's identity: the same
    /// invoke delivered twice is applied once. Inputs come named "{verb}.{field}" (ids are unique
    /// per card), or plainly from older cards.
    /// </summary>
    private static PostClick Click(CardClick click, Person person, string? activityId) =>
        new(click.PostId, click.Verb, person, SurfaceNames.Teams, activityId)
        {
            Field = name => Field(click.Data, AdaptiveCardRenderer.InputId(click.Verb, name)) ?? Field(click.Data, name),
        };

    private static string UnknownVerb(string verb) => $"'{verb}' is not an action ChatOpsReply knows.";

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
