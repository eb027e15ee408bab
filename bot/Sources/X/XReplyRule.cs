namespace ChatOpsReply.Sources.X;

/// <summary>Which public posts X lets the account answer through the API.</summary>
public enum XReplyRule
{
    /// <summary>Only posts that mention or quote our account (most API tiers since February 2026).</summary>
    MentionOnly,

    /// <summary>Any post (Enterprise tiers).</summary>
    Any,
}
