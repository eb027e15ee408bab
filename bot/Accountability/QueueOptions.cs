namespace ChatOpsReply.Accountability;

public sealed class QueueOptions
{
    public string Name { get; set; } = "";

    public string? DisplayName { get; set; }

    /// <summary>Sources this queue takes ("x", "sms", ...); empty takes every source.</summary>
    public List<string> Sources { get; set; } = [];

    /// <summary>Phrases of which one must appear in the post; empty takes every post.</summary>
    public List<string> Keywords { get; set; } = [];

    /// <summary>The chain of accountability, first tier first (frontline, lead, manager, ...).</summary>
    public List<TierOptions> Chain { get; set; } = [];

    /// <summary>When SLA time runs; absent means around the clock.</summary>
    public BusinessHoursOptions? BusinessHours { get; set; }

    /// <summary>The channel each surface posts this queue's cards to, by surface name ("slack", "teams").</summary>
    public Dictionary<string, string> Channels { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
