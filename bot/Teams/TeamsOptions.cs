namespace ChatOpsReply.Teams;

/// <summary>
/// The "Teams" section: the Azure bot's credentials and where the Bot Framework is. Teams is on
/// when <see cref="AppId"/>, <see cref="AppPassword"/> and <see cref="TenantId"/> are all set.
/// </summary>
public sealed class TeamsOptions
{
    public const string Section = "Teams";

    // Bot Framework: OpenID metadata of the channel's signing keys, bot-docs rest-api/bot-framework-rest-connector-authentication.
    public static readonly Uri BotFrameworkOpenIdMetadata = new("https://login.botframework.com/v1/.well-known/openidconfiguration");

    /// <summary>The Azure bot's Microsoft App ID (a GUID); also the audience of every token the Bot Framework sends us.</summary>
    public string? AppId { get; set; }

    /// <summary>The bot's client secret. A secret: set it as an environment variable (Teams__AppPassword) or user secret.</summary>
    public string? AppPassword { get; set; }

    /// <summary>The Entra ID tenant the single-tenant bot is registered in.</summary>
    public string? TenantId { get; set; }

    /// <summary>Where the Bot Framework publishes the keys it signs requests with (tests point it at a local server).</summary>
    public Uri OpenIdMetadataUrl { get; set; } = BotFrameworkOpenIdMetadata;

    /// <summary>The Microsoft identity platform token endpoint; <c>https://login.microsoftonline.com/{TenantId}/oauth2/v2.0/token</c> when empty.</summary>
    public Uri? TokenEndpoint { get; set; }

    /// <summary>The connector's address for channels the bot has not yet heard from (e.g. https://smba.trafficmanager.net/emea/).</summary>
    public Uri? ServiceUrl { get; set; }

    /// <summary>The channel (<c>19:…@thread.tacv2</c>) for queues that name no Teams channel.</summary>
    public string? DefaultChannelId { get; set; }

    /// <summary>
    /// A card that would wait longer than this for its channel's turn (Teams allows a bot 60 messages in
    /// 30 seconds per thread) puts its post on the channel's digest instead; while the digest fills,
    /// every new card does, and cards go alone again once no post was added to it for this long.
    /// </summary>
    public TimeSpan DigestAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many posts one digest card lists, at most 40 (each line has its own Claim button, and the card stays within 28 KB).</summary>
    public int DigestSize { get; set; } = 35;

    /// <summary>How often one digest card may be updated: claims in between are drawn together (each update is a call on the channel's thread).</summary>
    public TimeSpan DigestUpdateInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a card click waits for long work (moving a declared crisis's posts) before answering and letting
    /// it finish in the background: the Bot Framework gives up on an answer after 10 to 15 seconds. Zero answers at once.
    /// </summary>
    public TimeSpan InvokeAnswerWithin { get; set; } = TimeSpan.FromSeconds(5);

    public bool IsEnabled => !string.IsNullOrWhiteSpace(AppId) && !string.IsNullOrWhiteSpace(AppPassword) && !string.IsNullOrWhiteSpace(TenantId);

    /// <summary>The token endpoint in force: the configured one, or the tenant's on the Microsoft identity platform.</summary>
    public Uri EffectiveTokenEndpoint => TokenEndpoint ?? new Uri($"https://login.microsoftonline.com/{Uri.EscapeDataString(TenantId ?? "")}/oauth2/v2.0/token");
}
