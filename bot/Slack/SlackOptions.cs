namespace ChatOpsReply.Slack;

/// <summary>The "Slack" section. Slack is on when both <see cref="BotToken"/> and <see cref="SigningSecret"/> are set.</summary>
public sealed class SlackOptions
{
    public const string Section = "Slack";

    /// <summary>The bot user's OAuth token (<c>xoxb-…</c>). A secret: environment variable or user secrets.</summary>
    public string? BotToken { get; set; }

    /// <summary>Signs every request Slack sends us. A secret.</summary>
    public string? SigningSecret { get; set; }

    /// <summary>An app-level token (<c>xapp-…</c>, scope connections:write): when set, Slack talks to us over Socket Mode instead of HTTP.</summary>
    public string? AppToken { get; set; }

    /// <summary>The Web API base address; tests point it at a fake Slack.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://slack.com/api/");

    /// <summary>The channel (id) for queues that name no Slack channel.</summary>
    public string? DefaultChannel { get; set; }

    /// <summary>The slash command as created in the Slack app.</summary>
    public string SlashCommand { get; set; } = "/replies";

    /// <summary>
    /// Slack user groups by role (e.g. "legal": "S0123LEGAL"): members of the group get the role,
    /// and a mention of everyone holding the role mentions the group.
    /// </summary>
    public Dictionary<string, string> UserGroups { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How often user-group membership is read again.</summary>
    public TimeSpan UserGroupRefresh { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The steady posting rate per channel (Slack allows about one message a second).</summary>
    public TimeSpan ChannelPostInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Messages a quiet channel may take at once before pacing starts.</summary>
    public int ChannelBurst { get; set; } = 3;

    /// <summary>
    /// When a new card would wait longer than this for its channel's turn, its post goes on the channel's
    /// digest instead: one message listing many posts, each claimable. Cards go alone again once the
    /// channel takes them at once.
    /// </summary>
    public TimeSpan DigestAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How many posts one digest message lists, at most 300 (three Claim menus of 100). At one message a
    /// second, 200 keeps up with 200 new posts a second.
    /// </summary>
    public int DigestSize { get; set; } = 200;

    /// <summary>How often one digest message may be updated (chat.update is Tier 3): claims and new lines in between are drawn together.</summary>
    public TimeSpan DigestUpdateInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long Web API calls may take before they count as failed (and are retried by the outbox).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public bool IsEnabled => !string.IsNullOrWhiteSpace(BotToken) && !string.IsNullOrWhiteSpace(SigningSecret);

    public bool UsesSocketMode => !string.IsNullOrWhiteSpace(AppToken);
}
