namespace ChatOpsReply.Teams;

public enum BotFrameworkCheckOutcome
{
    Valid,

    /// <summary>No token, one that is not the Bot Framework's for this bot, or one whose key is not endorsed for the channel: 401.</summary>
    Unauthorized,

    /// <summary>The signing keys could not be fetched, so nothing can be checked: 503.</summary>
    Unavailable,
}
