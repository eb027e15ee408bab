namespace ChatOpsReply.Accountability;

/// <summary>Everyone configured, found by the id each surface knows them by.</summary>
public sealed class PeopleDirectory
{
    private readonly Dictionary<string, Person> _byId = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Person> _bySlack = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Person> _byTeams = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Person> _byEmail = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Person> _bySubject = new(StringComparer.Ordinal);

    public PeopleDirectory(IEnumerable<PersonOptions> people)
    {
        ArgumentNullException.ThrowIfNull(people);
        foreach (var options in people)
        {
            var person = new Person(options.Id, options.Name, new HashSet<string>(options.Roles, StringComparer.OrdinalIgnoreCase))
            {
                SlackUserId = options.SlackUserId,
                TeamsUserId = options.TeamsUserId,
                Email = options.Email,
                SignInSubject = options.SignInSubject,
            };
            _byId[person.Id] = person;
            Index(_bySlack, person.SlackUserId, person);
            Index(_byTeams, person.TeamsUserId, person);
            Index(_byEmail, person.Email, person);
            Index(_bySubject, person.SignInSubject, person);
        }

        All = [.. _byId.Values];
    }

    public IReadOnlyList<Person> All { get; }

    public Person? Find(string? id) => id is not null && _byId.TryGetValue(id, out var p) ? p : null;

    public Person? FindBySlackUser(string slackUserId) => _bySlack.GetValueOrDefault(slackUserId);

    public Person? FindByTeamsUser(string aadObjectId) => _byTeams.GetValueOrDefault(aadObjectId);

    public Person? FindByEmail(string email) => _byEmail.GetValueOrDefault(email);

    /// <summary>The person a sign-in provider knows by this subject (case-sensitive: subjects are opaque).</summary>
    public Person? FindBySignInSubject(string subject) => _bySubject.GetValueOrDefault(subject);

    /// <summary>The display name for a person id, or the id itself when nobody by that id is configured.</summary>
    public string NameOf(string? id) => id is null ? "nobody" : Find(id)?.Name ?? id;

    public IReadOnlyList<Person> WithRole(string role) => [.. All.Where(p => p.HasRole(role))];

    private static void Index(Dictionary<string, Person> index, string? key, Person person)
    {
        if (!string.IsNullOrWhiteSpace(key))
        {
            index[key] = person;
        }
    }
}
