namespace ChatOpsReply.Sources.Email;

/// <summary>
/// The "Sources:Email" section: one mailbox read over IMAP, replies sent over SMTP. E-mail is on
/// when <c>Imap:Host</c>, <c>Imap:User</c> and <c>Imap:Password</c> are set.
/// </summary>
public sealed class EmailOptions
{
    public const string Section = "Sources:Email";

    public ImapOptions Imap { get; set; } = new();

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>The address replies of a queue go from (queue name → address); queues not named use <c>Smtp:From</c>.</summary>
    public Dictionary<string, string> QueueAddresses { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether this instance reads the mailbox (off for an instance that only serves requests; tests read it by hand).</summary>
    public bool RunInBackground { get; set; } = true;

    /// <summary>How often the mailbox is looked at when the server has no IDLE, and how long one IDLE lasts (servers drop it after 30 min).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The first time (and after the server renumbered the folder), messages this recent are taken in.</summary>
    public TimeSpan InitialLookback { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The longest wait between attempts to reach a server that is down (the first is a few seconds).</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long one IMAP or SMTP command may take.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The bookmark's name for this mailbox and folder.</summary>
    public string MailboxKey => $"{Imap.User}@{Imap.Host}/{Imap.Folder}";

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Imap.Host) && !string.IsNullOrWhiteSpace(Imap.User) && !string.IsNullOrWhiteSpace(Imap.Password);
}

/// <summary>"Sources:Email:Imap": the mailbox customers write to.</summary>
public sealed class ImapOptions
{
    public string? Host { get; set; }

    /// <summary>993 with TLS, 143 without.</summary>
    public int? Port { get; set; }

    public string? User { get; set; }

    /// <summary>A secret.</summary>
    public string? Password { get; set; }

    public string Folder { get; set; } = "INBOX";

    /// <summary>TLS from the start on port 993, STARTTLS on any other port; off only for a server on this machine.</summary>
    public bool UseTls { get; set; } = true;
}

/// <summary>"Sources:Email:Smtp": where replies are submitted.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    /// <summary>465 with TLS from the start, 587 (STARTTLS) otherwise.</summary>
    public int? Port { get; set; }

    /// <summary>Optional: some relays on the same network take mail without signing in.</summary>
    public string? User { get; set; }

    /// <summary>A secret.</summary>
    public string? Password { get; set; }

    /// <summary>The address replies go from, e.g. "Acme Support &lt;support@acme.example&gt;".</summary>
    public string? From { get; set; }

    public bool UseTls { get; set; } = true;
}
