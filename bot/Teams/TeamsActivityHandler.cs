using System.Text.Json.Nodes;
using ChatOpsReply.Accountability;
using ChatOpsReply.Cards;
using ChatOpsReply.Posts;
using Microsoft.Identity.Client;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace ChatOpsReply.Teams;

/// <summary>Routes an authenticated activity to what handles its kind, and says what to answer the Bot Framework.</summary>
public sealed partial class TeamsActivityHandler(
    TeamsPeople people,
    TeamsCardActions actions,
    TeamsSpikeAnswers spikes,
    TeamsGroupChats groupChats,
    TeamsCommands commands,
    TeamsAnswerSearch answers,
    TeamsInstallations installations,
    TeamsNotes notes,
    TeamsCardCopies copies,
    BotConnectorClient connector,
    IIdempotencyKeys keys,
    TimeProvider time,
    ILogger<TeamsActivityHandler> logger)
{
    /// <summary>How long an activity id is remembered, so a redelivery is applied once.</summary>
    public static readonly TimeSpan RedeliveryWindow = TimeSpan.FromDays(1);

    public async Task<IResult> HandleAsync(BotActivity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.From?.AadObjectId is { } aad && !TeamsPeople.IsObjectId(aad))
        {
            // Decided before anything is recorded: a blank id would be learned as somebody's.
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The activity is not valid", detail: "from.aadObjectId must be a Microsoft Entra object id (no spaces).");
        }

        var person = people.Find(activity.From);
        try
        {
            await people.LearnAsync(activity.From, cancellationToken).ConfigureAwait(false);
            await people.LearnPersonalChatAsync(activity, cancellationToken).ConfigureAwait(false);
            switch (activity.Type)
            {
                case "invoke" when activity.Name == TeamsProtocol.AdaptiveCardActionInvoke && TeamsSpikeAnswers.ReadExecute(activity.Value) is { } spikeClick:
                    return Json(await spikes.ExecuteAsync(spikeClick, person, cancellationToken).ConfigureAwait(false));
                case "invoke" when activity.Name == TeamsProtocol.AdaptiveCardActionInvoke:
                    if (TeamsCardActions.ReadExecute(activity.Value) is not { } click)
                    {
                        return Json(TeamsInvokeResponse.BadRequest("This card action carries no verb or post id."));
                    }

                    // A digest's line names a post, but the digest is no copy of that post's card.
                    return TeamsDigests.NumberOf(click.Data) is null && await copies.RemoveIfCopyAsync(activity, click.PostId, cancellationToken).ConfigureAwait(false)
                        ? Json(TeamsInvokeResponse.Message(TeamsCardCopies.Removed))
                        : Json(await actions.ExecuteAsync(click, person, activity.Id, cancellationToken, activity.Conversation?.Id).ConfigureAwait(false));
                case "invoke" when activity.Name == TeamsProtocol.ComposeExtensionQueryInvoke:
                    return Json(await answers.AnswerAsync(activity.Value, person, activity.Conversation?.Id, cancellationToken).ConfigureAwait(false));
                case "invoke":
                    // Bot Framework: an invoke the bot does not implement is answered 501, botbuilder ActivityHandler.OnInvokeActivityAsync.
                    return Results.StatusCode(StatusCodes.Status501NotImplemented);
                case "message" or "conversationUpdate" when !await FirstTimeAsync(activity, cancellationToken).ConfigureAwait(false):
                    return Results.Ok();
                case "message" when activity.Value is null && await notes.TryRecordAsync(activity, person, cancellationToken).ConfigureAwait(false) is { } noted:
                    // A note needs no answer; a refused one says why, since its words are only in Teams.
                    if (noted.Outcome == CommandOutcome.Rejected)
                    {
                        await ReplyAsync(activity, AdaptiveCardMarkdown.Escape(noted.Message), cancellationToken).ConfigureAwait(false);
                    }

                    return Results.Ok();
                case "message":
                    await AnswerMessageAsync(activity, person, cancellationToken).ConfigureAwait(false);
                    return Results.Ok();
                case "conversationUpdate":
                    await installations.HandleAsync(activity, cancellationToken).ConfigureAwait(false);
                    return Results.Ok();
                default:
                    return Results.Ok();
            }
        }
        catch (StoreUnavailableException e)
        {
            LogStoreUnavailable(activity.Type, e.Message);
            return activity.Type == "invoke"
                ? Json(activity.Name == TeamsProtocol.ComposeExtensionQueryInvoke ? ComposeExtensionResponse.Message(TeamsAnswerSearch.LibraryUnavailable) : TeamsInvokeResponse.Message(CommandResult.StoreUnavailableMessage))
                : Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The store is unavailable", detail: "Nothing was recorded. Retry shortly.");
        }
    }

    /// <summary>Whether the activity is new; when the store cannot say, it is handled (an answer twice beats none).</summary>
    private async Task<bool> FirstTimeAsync(BotActivity activity, CancellationToken cancellationToken)
    {
        if (activity.Id is not { Length: > 0 } id)
        {
            return true;
        }

        try
        {
            return await keys.TryRecordAsync($"teams:activity:{activity.Conversation?.Id}:{id}", time.GetUtcNow(), RedeliveryWindow, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException e)
        {
            LogStoreUnavailable(activity.Type, e.Message);
            return true;
        }
    }

    /// <summary>
    /// A card's Action.Submit fallback or a typed command: one reply in the conversation. A value that
    /// is not one of our cards' (another app's card) gets none; a message with nothing typed (a file,
    /// a picture) one line, not the whole help.
    /// </summary>
    private async Task AnswerMessageAsync(BotActivity activity, Person? person, CancellationToken cancellationToken)
    {
        string reply;
        if (TeamsCardActions.ReadSubmit(activity.Value) is { } click)
        {
            reply = AdaptiveCardMarkdown.Escape(await actions.SubmitAsync(click, person, activity.Id, cancellationToken).ConfigureAwait(false));
        }
        else if (TeamsSpikeAnswers.ReadSubmit(activity.Value) is { } spikeClick)
        {
            reply = AdaptiveCardMarkdown.Escape(await spikes.SubmitAsync(spikeClick, person, cancellationToken).ConfigureAwait(false));
        }
        else if (activity.Value is { ValueKind: not (System.Text.Json.JsonValueKind.Null or System.Text.Json.JsonValueKind.Undefined) })
        {
            return;
        }
        else if (string.IsNullOrWhiteSpace(activity.Text))
        {
            reply = TeamsCommands.NothingTyped;
        }
        else if (TeamsGroupChats.IsGroupChat(activity) && TeamsCommands.ListsPosts(activity.Text) && !await groupChats.EveryoneKnownAsync(activity, cancellationToken).ConfigureAwait(false))
        {
            reply = TeamsGroupChats.StrangersPresent;
        }
        else
        {
            reply = await commands.AnswerAsync(activity.Text, person, activity.Conversation?.Id, cancellationToken).ConfigureAwait(false);
        }

        await ReplyAsync(activity, reply, cancellationToken).ConfigureAwait(false);
    }

    private async Task ReplyAsync(BotActivity activity, string reply, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl) || activity.Conversation?.Id is not { } conversation || activity.Id is null)
        {
            return;
        }

        try
        {
            var sent = await connector.ReplyToActivityAsync(serviceUrl, conversation, activity.Id, BotConnectorClient.TextActivity(reply), cancellationToken).ConfigureAwait(false);
            if (!sent.IsSuccess)
            {
                LogReplyFailed(sent.Describe());
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or MsalException && !cancellationToken.IsCancellationRequested)
        {
            LogReplyFailed(e.Message);
        }
    }

    private static IResult Json(JsonObject body) => Results.Text(AdaptiveCardRenderer.Serialize(body), "application/json; charset=utf-8");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams {Type} activity not handled, the store is unavailable: {Reason}")]
    private partial void LogStoreUnavailable(string? type, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not answer a Teams message: {Reason}")]
    private partial void LogReplyFailed(string reason);
}
