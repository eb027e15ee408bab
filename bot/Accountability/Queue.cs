namespace ChatOpsReply.Accountability;

/// <summary>A queue with its chain of tiers, routing rules and business hours.</summary>
public sealed record Queue(string Name, string DisplayName, IReadOnlyList<Tier> Tiers, BusinessCalendar Calendar, IReadOnlyDictionary<string, string> Channels)
{
    internal PhraseMatcher Keywords { get; init; } = new([]);

    internal IReadOnlySet<string> Sources { get; init; } = new HashSet<string>();

    /// <summary>A missed reply moves the post up like a missed claim, instead of the next tier supervising its owner.</summary>
    public bool MoveUpOnAnyBreach { get; init; }

    /// <summary>The first tier the person belongs to, or -1 outside the chain.</summary>
    public int OwnTierOf(Person person)
    {
        for (var i = 0; i < Tiers.Count; i++)
        {
            if (Tiers[i].Includes(person))
            {
                return i;
            }
        }

        return -1;
    }

    public Tier TierAt(int index) => Tiers[Math.Clamp(index, 0, Tiers.Count - 1)];

    public bool HasTierAfter(int index) => index + 1 < Tiers.Count;

    /// <summary>Whether the person belongs to the given tier or any tier after it.</summary>
    public bool IsInTierOrAbove(Person person, int index)
    {
        for (var i = Math.Max(index, 0); i < Tiers.Count; i++)
        {
            if (Tiers[i].Includes(person))
            {
                return true;
            }
        }

        return false;
    }

    public bool IsInChain(Person person) => IsInTierOrAbove(person, 0);

    internal bool Takes(string source, string text) =>
        (Sources.Count == 0 || Sources.Contains(source)) && (Keywords.IsEmpty || Keywords.FirstMatch(text) is not null);
}
