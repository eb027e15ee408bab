namespace ChatOpsReply.Sources.Twilio;

/// <summary>The "Sources:Twilio" section. SMS is on when <see cref="AccountSid"/> and <see cref="AuthToken"/> are set.</summary>
public sealed class TwilioOptions
{
    public const string Section = "Sources:Twilio";

    public string? AccountSid { get; set; }

    /// <summary>Signs Twilio's webhooks and authenticates our API calls. A secret.</summary>
    public string? AuthToken { get; set; }

    /// <summary>Our number (E.164) replies go from when the customer's own message named none and no messaging service is set.</summary>
    public string? From { get; set; }

    /// <summary>A Messaging Service (<c>MG…</c>): when set, Twilio picks the sending number from its pool.</summary>
    public string? MessagingServiceSid { get; set; }

    /// <summary>
    /// The public base URL the webhooks are registered under (e.g. <c>https://replies.example.com</c>).
    /// Twilio signs the URL it called, so behind a proxy the signature is checked against this, not the request's own URL.
    /// </summary>
    public Uri? PublicUrl { get; set; }

    /// <summary>The REST API base; tests point it at a fake Twilio.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://api.twilio.com/");

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A text longer than this many segments is refused (each segment is billed and may arrive apart).</summary>
    public int MaxSegments { get; set; } = 3;

    /// <summary>No text goes out between these local times of the customer (their number's time zone).</summary>
    public TimeOnly QuietHoursStart { get; set; } = new(21, 0);

    public TimeOnly QuietHoursEnd { get; set; } = new(8, 0);

    /// <summary>The IANA zone for numbers whose country spans several zones or none is known; UTC when unset.</summary>
    public string? DefaultTimeZone { get; set; }

    public bool IsEnabled => !string.IsNullOrWhiteSpace(AccountSid) && !string.IsNullOrWhiteSpace(AuthToken);
}
