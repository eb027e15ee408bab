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

    /// <summary>
    /// Whether a missed reply takes the post from its owner and moves it up, as a missed claim
    /// does. Off (the default), the owner keeps the post and their draft, and the next tier is
    /// told and may take it over.
    /// </summary>
    public bool MoveUpOnAnyBreach { get; set; }

    /// <summary>The channel each surface posts this queue's cards to, by surface name ("slack", "teams").</summary>
    public Dictionary<string, string> Channels { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
