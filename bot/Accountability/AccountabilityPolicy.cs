using Microsoft.Extensions.Options;

namespace ChatOpsReply.Accountability;

/// <summary>
/// The configured chain of accountability: who is in which queue's tiers, which posts are
/// sensitive and who approves them, and who is paged in a crisis.
/// </summary>
public sealed class AccountabilityPolicy
{
    private readonly Dictionary<string, Queue> _queues = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<SensitivityKind> _sensitivities = [];

    public AccountabilityPolicy(IOptions<AccountabilityOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = options.Value;
        People = new PeopleDirectory(config.People);
        var queues = new List<Queue>();
        foreach (var q in config.Queues)
        {
            var tiers = q.Chain.Select((t, i) => new Tier(
                i,
                string.IsNullOrWhiteSpace(t.Name) ? $"tier {i + 1}" : t.Name,
                new HashSet<string>(t.Members, StringComparer.OrdinalIgnoreCase),
                new HashSet<string>(t.Roles, StringComparer.OrdinalIgnoreCase),
                t.ClaimWithin,
                t.ReplyWithin)).ToList();
            var queue = new Queue(
                q.Name,
                q.DisplayName ?? q.Name,
                tiers,
                q.BusinessHours is null ? BusinessCalendar.AlwaysOpen : new BusinessCalendar(q.BusinessHours),
                new Dictionary<string, string>(q.Channels, StringComparer.OrdinalIgnoreCase))
            {
                Keywords = new PhraseMatcher(q.Keywords),
                Sources = new HashSet<string>(q.Sources, StringComparer.OrdinalIgnoreCase),
                MoveUpOnAnyBreach = q.MoveUpOnAnyBreach,
            };
            queues.Add(queue);
            _queues[queue.Name] = queue;
        }

        Queues = queues;
        DefaultQueue = config.DefaultQueue is { Length: > 0 } name && _queues.TryGetValue(name, out var d) ? d : queues[0];
        foreach (var s in config.Sensitivities)
        {
            _sensitivities.Add(new SensitivityKind(s.Name, s.ApproverRole, new Dictionary<string, string>(s.Channels, StringComparer.OrdinalIgnoreCase))
            {
                Phrases = new PhraseMatcher(s.Phrases),
            });
        }

        CrisisRole = config.Crisis.Role;
        CrisisChannels = new Dictionary<string, string>(config.Crisis.Channels, StringComparer.OrdinalIgnoreCase);
    }

    public PeopleDirectory People { get; }

    public IReadOnlyList<Queue> Queues { get; }

    public Queue DefaultQueue { get; }

    public string CrisisRole { get; }

    public IReadOnlyDictionary<string, string> CrisisChannels { get; }

    /// <summary>The queue by name; a post whose queue was removed from configuration falls back to the default queue.</summary>
    public Queue Queue(string name) => _queues.GetValueOrDefault(name) ?? DefaultQueue;

    /// <summary>The first queue whose source and keyword rules take the post, else the default queue.</summary>
    public Queue Route(string source, string text) => Queues.FirstOrDefault(q => q.Takes(source, text)) ?? DefaultQueue;

    /// <summary>The queue that names this channel of a chat surface ("slack", "teams"), or null.</summary>
    public Queue? QueueInChannel(string surface, string channelId) =>
        Queues.FirstOrDefault(q => q.Channels.TryGetValue(surface, out var channel) && channel == channelId);

    /// <summary>The first kind of sensitivity whose phrases appear in the text, or null.</summary>
    public SensitivityKind? Classify(string text) => _sensitivities.FirstOrDefault(s => s.Phrases.FirstMatch(text) is not null);

    public SensitivityKind? Sensitivity(string? name) =>
        name is null ? null : _sensitivities.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The role that approves replies to posts of this sensitivity, and library answers marked
    /// for it: the kind's configured approver, legal when the kind is not configured. The one
    /// place that answers "who approves this".
    /// </summary>
    public string ApproverRole(string? sensitivity) => Sensitivity(sensitivity)?.ApproverRole ?? Roles.Legal;

    /// <summary>The people who belong to a tier, named or by role.</summary>
    public IReadOnlyList<Person> MembersOf(Queue queue, int tierIndex)
    {
        ArgumentNullException.ThrowIfNull(queue);
        var tier = queue.TierAt(tierIndex);
        return [.. People.All.Where(tier.Includes)];
    }
}
