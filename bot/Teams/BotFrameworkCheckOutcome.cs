namespace ChatOpsReply.Teams;

public enum BotFrameworkCheckOutcome
{
    Valid,

    /// <summary>No token, or one that is not the Bot Framework's for this bot: 401.</summary>
    Unauthorized,

    /// <summary>A good token whose signing key is not endorsed for the activity's channel: 403.</summary>
    Forbidden,

    /// <summary>The signing keys could not be fetched, so nothing can be checked: 503.</summary>
    Unavailable,
}
