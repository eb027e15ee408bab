namespace ChatOpsReply.Accountability;

public sealed class TierOptions
{
    public string Name { get; set; } = "";

    /// <summary>Person ids that belong to this tier.</summary>
    public List<string> Members { get; set; } = [];

    /// <summary>Everyone with one of these roles belongs to this tier too.</summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>Business time allowed before someone in this tier claims the post.</summary>
    public TimeSpan ClaimWithin { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Business time allowed from claiming to sending the reply.</summary>
    public TimeSpan ReplyWithin { get; set; } = TimeSpan.FromMinutes(45);
}
