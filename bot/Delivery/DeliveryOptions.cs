namespace ChatOpsReply.Delivery;

/// <summary>The "Delivery" section: how the outbox dispatcher retries.</summary>
public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    /// <summary>Whether this instance delivers outbox messages (off for an instance that only serves requests).</summary>
    public bool RunInBackground { get; set; } = true;

    /// <summary>How often to look for due messages when nothing woke the dispatcher.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a claimed message is reserved for this instance before another may take it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>After this many failed attempts a message is given up on (kept, counted in /metrics).</summary>
    public int MaxAttempts { get; set; } = 12;

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    public int BatchSize { get; set; } = 32;
}
