namespace ChatOpsReply.Accountability;

/// <summary>Someone who acts on posts, with the ids the chat platforms know them by.</summary>
public sealed record Person(string Id, string Name, IReadOnlySet<string> Roles)
{
    /// <summary>The service itself: SLA timers, ingest.</summary>
    public static readonly Person System = new("system", "ChatOpsReply", new HashSet<string>());

    public string? SlackUserId { get; init; }

    /// <summary>The person's Entra ID object id (Teams <c>from.aadObjectId</c>).</summary>
    public string? TeamsUserId { get; init; }

    public string? Email { get; init; }

    /// <summary>The person's subject at the console's sign-in provider.</summary>
    public string? SignInSubject { get; init; }

    public bool HasRole(string role) => Roles.Contains(role);

    public bool IsSupervisor => Roles.Overlaps(Accountability.Roles.Supervisors);
}
