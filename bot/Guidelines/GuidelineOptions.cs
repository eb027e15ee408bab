namespace ChatOpsReply.Guidelines;

/// <summary>The "Guidelines" section: the house rules every reply is checked against.</summary>
/// <remarks>
/// List settings are null until configured: the configuration binder appends to a list
/// rather than replacing it, so defaults live in the <c>Default…</c> fields instead.
/// </remarks>
public sealed class GuidelineOptions
{
    public const string Section = "Guidelines";

    public static readonly IReadOnlyList<string> DefaultTextMessageSources = ["sms"];

    public static readonly IReadOnlyList<string> DefaultPublicSources = ["x", "facebook", "instagram"];

    public static readonly IReadOnlyList<string> DefaultHeatedPhrases =
        ["angry", "furious", "ridiculous", "disgrace", "disgusting", "worst", "scam", "unacceptable", "never again", "outraged", "pathetic"];

    public static readonly IReadOnlyList<string> DefaultPrivateChannelPhrases =
        ["dm", "direct message", "private message", "message us", "email", "e-mail", "call us", "inbox"];

    public static readonly IReadOnlyList<string> DefaultOptOutKeywords = ["stop", "stopall", "unsubscribe", "cancel", "end", "quit"];

    public static readonly IReadOnlyList<string> DefaultOptInKeywords = ["start", "yes", "unstop"];

    /// <summary>Fewer words than this is a curt, robotic reply and is refused.</summary>
    public int MinimumWords { get; set; } = 3;

    /// <summary>Sources whose replies are text messages: opt-in, frequency cap and length rules apply.</summary>
    public List<string>? TextMessageSources { get; set; }

    /// <summary>A text longer than this is refused.</summary>
    public int TextMessageMaxLength { get; set; } = 320;

    /// <summary>A text longer than this arrives in several parts: a warning.</summary>
    public int TextMessageSegmentLength { get; set; } = 160;

    /// <summary>Hard length limits of public sources, by source.</summary>
    public Dictionary<string, int> SourceMaxLength { get; set; } = new(StringComparer.OrdinalIgnoreCase) { ["x"] = 280 };

    /// <summary>Sources where replies are public and heated threads should move to a private channel.</summary>
    public List<string>? PublicSources { get; set; }

    /// <summary>At most this many texts to one customer within <see cref="TextWindow"/>.</summary>
    public int MaxTextsPerCustomer { get; set; } = 3;

    public TimeSpan TextWindow { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Words that mark a thread as heated.</summary>
    public List<string>? HeatedPhrases { get; set; }

    /// <summary>Phrases that show a reply offers to continue in private.</summary>
    public List<string>? PrivateChannelPhrases { get; set; }

    /// <summary>Inbound texts that record an opt-out (carrier keywords).</summary>
    public List<string>? OptOutKeywords { get; set; }

    /// <summary>Inbound texts that record an opt-in.</summary>
    public List<string>? OptInKeywords { get; set; }
}
