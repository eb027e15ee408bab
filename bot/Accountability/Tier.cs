namespace ChatOpsReply.Accountability;

/// <summary>One link of a queue's chain of accountability.</summary>
public sealed record Tier(int Index, string Name, IReadOnlySet<string> MemberIds, IReadOnlySet<string> Roles, TimeSpan ClaimWithin, TimeSpan ReplyWithin)
{
    public bool Includes(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return MemberIds.Contains(person.Id) || Roles.Overlaps(person.Roles);
    }
}
