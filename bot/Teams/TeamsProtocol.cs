namespace ChatOpsReply.Teams;

/// <summary>Names the Bot Framework and Teams use on the wire.</summary>
public static class TeamsProtocol
{
    // Bot Framework: channelId of activities from Teams, bot-docs rest-api/bot-framework-rest-connector-api-reference#activity-object.
    public const string ChannelId = "msteams";

    // Teams: attachments holding an Adaptive Card, msteams-docs task-modules-and-cards/cards/cards-reference#adaptive-card.
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    // Teams: the thumbnail card, the preview of a messaging extension's result, msteams-docs task-modules-and-cards/cards/cards-reference#thumbnail-card.
    public const string ThumbnailCardContentType = "application/vnd.microsoft.card.thumbnail";

    // Adaptive Cards: Action.Execute arrives as an invoke named adaptiveCard/action, adaptive-cards universal-action-model#request-format.
    public const string AdaptiveCardActionInvoke = "adaptiveCard/action";

    // Teams: a search messaging extension's query, msteams-docs messaging-extensions/how-to/search-commands/respond-to-search.
    public const string ComposeExtensionQueryInvoke = "composeExtension/query";

    // Adaptive Cards: invoke response types, adaptive-cards universal-action-model#response-format.
    public const string CardResponseType = "application/vnd.microsoft.card.adaptive";
    public const string MessageResponseType = "application/vnd.microsoft.activity.message";
    public const string ErrorResponseType = "application/vnd.microsoft.error";

    /// <summary>The bot's own id in Teams conversations: "28:" and its app id.</summary>
    public static string BotId(string appId) => "28:" + appId;

    /// <summary>A channel thread's id is the channel's id with ";messageid=…": the throttling limits count per channel.</summary>
    public static string ThreadKey(string conversationId)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        var cut = conversationId.IndexOf(';', StringComparison.Ordinal);
        return cut < 0 ? conversationId : conversationId[..cut];
    }
}
