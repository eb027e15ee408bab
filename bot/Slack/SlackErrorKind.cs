namespace ChatOpsReply.Slack;

public enum SlackErrorKind
{
    /// <summary>HTTP 429: wait for Retry-After, then try again.</summary>
    RateLimited,

    /// <summary>Slack or the network had a passing problem (5xx, timeout, internal_error): try again later.</summary>
    Transient,

    /// <summary>It will not work by trying again (channel_not_found, is_archived, invalid_auth…).</summary>
    Permanent,
}
