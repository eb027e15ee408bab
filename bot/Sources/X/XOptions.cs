namespace ChatOpsReply.Sources.X;

/// <summary>
/// The "Sources:X" section. Replies are signed with OAuth 1.0a user context: the app's consumer
/// key and secret and the account's access token and secret, which do not expire and need no
/// refresh (so several instances share them without coordinating). X is on when all four are set.
/// </summary>
public sealed class XOptions
{
    public const string Section = "Sources:X";

    public string? ConsumerKey { get; set; }

    /// <summary>The app's consumer secret: signs the webhook's CRC answer and its events, and our requests. A secret.</summary>
    public string? ConsumerSecret { get; set; }

    /// <summary>The account's OAuth 1.0a access token (read and write, and direct messages). A secret.</summary>
    public string? AccessToken { get; set; }

    public string? AccessTokenSecret { get; set; }

    /// <summary>Our account's numeric id: its own posts and messages come back through the webhook and are ignored.</summary>
    public string? AccountId { get; set; }

    public XReplyRule ReplyRule { get; set; } = XReplyRule.MentionOnly;

    /// <summary>The API base; tests point it at a fake.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://api.x.com/");

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    public bool IsEnabled =>
        !string.IsNullOrWhiteSpace(ConsumerKey) && !string.IsNullOrWhiteSpace(ConsumerSecret)
        && !string.IsNullOrWhiteSpace(AccessToken) && !string.IsNullOrWhiteSpace(AccessTokenSecret);
}
