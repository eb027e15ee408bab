namespace ChatOpsReply.Sources.Meta;

/// <summary>
/// The "Sources:Meta" section: a Facebook Page (comments, Messenger) and the Instagram
/// professional account linked to it. On when <see cref="AppSecret"/>, <see cref="VerifyToken"/>
/// and <see cref="PageAccessToken"/> are all set.
/// </summary>
public sealed class MetaOptions
{
    public const string Section = "Sources:Meta";

    /// <summary>The app's secret: Meta signs every webhook with it. A secret.</summary>
    public string? AppSecret { get; set; }

    /// <summary>The token you type when subscribing the webhook; Meta sends it back to prove it is you. A secret.</summary>
    public string? VerifyToken { get; set; }

    /// <summary>A long-lived Page access token (pages_manage_engagement, pages_messaging, instagram_manage_comments, instagram_manage_messages). A secret.</summary>
    public string? PageAccessToken { get; set; }

    /// <summary>The Graph API base; tests point it at a fake.</summary>
    public Uri GraphBaseUrl { get; set; } = new("https://graph.facebook.com/");

    public string GraphVersion { get; set; } = "v23.0";

    /// <summary>
    /// Whether the Page was granted the Human Agent permission: message replies may then go out up
    /// to 7 days after the customer's last message (tagged HUMAN_AGENT) instead of 24 hours.
    /// </summary>
    public bool HumanAgent { get; set; }

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    public bool IsEnabled => !string.IsNullOrWhiteSpace(AppSecret) && !string.IsNullOrWhiteSpace(VerifyToken) && !string.IsNullOrWhiteSpace(PageAccessToken);
}
