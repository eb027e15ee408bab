namespace ChatOpsReply.Accountability;

/// <summary>The "Sla" section: how the timer service looks for breaches.</summary>
public sealed class SlaOptions
{
    public const string Section = "Sla";

    /// <summary>Whether this instance fires SLA timers (off for an instance that only serves requests).</summary>
    public bool RunInBackground { get; set; } = true;

    /// <summary>How often due timers are looked for; a breach is noticed at most this late.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a claimed timer is reserved for this instance before another may fire it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(1);

    public int BatchSize { get; set; } = 100;
}
