namespace ChatOpsReply.Accountability;

/// <summary>The roles people get from configuration.</summary>
public static class Roles
{
    public const string Frontline = "frontline";
    public const string Lead = "lead";
    public const string Manager = "manager";
    public const string Legal = "legal";
    public const string Crisis = "crisis";
    public const string Admin = "admin";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        Frontline, Lead, Manager, Legal, Crisis, Admin,
    };

    /// <summary>Roles that may hand posts to others, release them or close them on someone's behalf.</summary>
    public static readonly IReadOnlySet<string> Supervisors = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        Lead, Manager, Admin,
    };
}
