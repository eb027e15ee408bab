using System.Collections.Concurrent;
using System.Text.Json;
using ChatOpsReply.Accountability;
using ChatOpsReply.Posts;
using ChatOpsReply.Storage.Sqlite;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Slack;

/// <summary>
/// Who a Slack user is to ChatOpsReply: the configured person with that Slack user id, or
/// with the e-mail address Slack has for them (users.info). Members of a configured Slack user
/// group get the group's role on top of their configured ones.
/// </summary>
public sealed partial class SlackPeople(
    AccountabilityPolicy policy,
    SlackWebApi slack,
    IOptions<SlackOptions> options,
    TimeProvider time,
    ILogger<SlackPeople> logger) : BackgroundService
{
    /// <summary>A look-up by e-mail must not hold up Slack's 3-second acknowledgement.</summary>
    private static readonly TimeSpan LookupBudget = TimeSpan.FromMilliseconds(1500);

    private readonly ConcurrentDictionary<string, (string? PersonId, DateTimeOffset At)> _byEmail = new(StringComparer.Ordinal);
    private volatile Dictionary<string, IReadOnlySet<string>> _groupRoles = [];

    /// <summary>The person behind a Slack user id, with their group roles; null when nobody configured matches.</summary>
    public async Task<Person?> FindAsync(string slackUserId, CancellationToken cancellationToken)
    {
        var person = policy.People.FindBySlackUser(slackUserId) ?? await FindByEmailAsync(slackUserId, cancellationToken).ConfigureAwait(false);
        if (person is null)
        {
            return null;
        }

        return _groupRoles.TryGetValue(slackUserId, out var extra) && !extra.IsSubsetOf(person.Roles)
            ? person with { Roles = new HashSet<string>(person.Roles.Concat(extra), StringComparer.OrdinalIgnoreCase), SlackUserId = slackUserId }
            : person;
    }

    /// <summary>
    /// How to mention these people in Slack: a configured user group where everyone holding its
    /// role is meant (so members who got the role through the group hear it too), else each
    /// person by their Slack user id. People without a Slack id are named.
    /// </summary>
    public string Mentions(IReadOnlyCollection<string> personIds)
    {
        ArgumentNullException.ThrowIfNull(personIds);
        var people = personIds.Select(policy.People.Find).OfType<Person>().ToList();
        var covered = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var mentions = new List<string>();
        foreach (var (role, group) in options.Value.UserGroups.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var holders = policy.People.WithRole(role);
            if (holders.Count > 0 && holders.All(h => people.Any(p => p.Id == h.Id)))
            {
                // Slack: a user group is mentioned as <!subteam^ID>, api.slack.com/reference/surfaces/formatting#mentioning-groups
                mentions.Add($"<!subteam^{group}>");
                covered.UnionWith(holders.Select(h => h.Id));
            }
        }

        foreach (var person in people.Where(p => !covered.Contains(p.Id)))
        {
            // Slack: a user is mentioned as <@U…>, api.slack.com/reference/surfaces/formatting#mentioning-users
            mentions.Add(person.SlackUserId is { Length: > 0 } id ? $"<@{id}>" : Cards.Mrkdwn.Escape(person.Name));
        }

        return string.Join(' ', mentions);
    }

    /// <summary>Reads the members of every configured user group (usergroups.users.list).</summary>
    public async Task RefreshGroupsAsync(CancellationToken cancellationToken)
    {
        var roles = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (role, group) in options.Value.UserGroups)
        {
            var result = await slack.UserGroupMembersAsync(group, cancellationToken).ConfigureAwait(false);
            if (!result.Ok)
            {
                LogGroupFailed(group, result.Error.ToString());
                // Keep what we knew about this group rather than taking roles away on a passing error.
                foreach (var (user, known) in _groupRoles.Where(r => r.Value.Contains(role)))
                {
                    Add(roles, user, role);
                }

                continue;
            }

            if (result.Body.TryGetProperty("users", out var users) && users.ValueKind == JsonValueKind.Array)
            {
                foreach (var user in users.EnumerateArray().Select(u => u.GetString()).OfType<string>())
                {
                    Add(roles, user, role);
                }
            }
        }

        _groupRoles = roles.ToDictionary(r => r.Key, r => (IReadOnlySet<string>)r.Value, StringComparer.Ordinal);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.UserGroups.Count == 0)
        {
            return;
        }

        await ServiceLoop.RunAsync(
            "Slack user groups",
            async ct =>
            {
                await RefreshGroupsAsync(ct).ConfigureAwait(false);
                await Task.Delay(options.Value.UserGroupRefresh, time, ct).ConfigureAwait(false);
            },
            time,
            logger,
            stoppingToken).ConfigureAwait(false);
    }

    private static void Add(Dictionary<string, HashSet<string>> roles, string user, string role)
    {
        if (!roles.TryGetValue(user, out var set))
        {
            set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            roles[user] = set;
        }

        set.Add(role);
    }

    private async Task<Person?> FindByEmailAsync(string slackUserId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_byEmail.TryGetValue(slackUserId, out var known) && now - known.At < options.Value.UserGroupRefresh)
        {
            return policy.People.Find(known.PersonId);
        }

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(LookupBudget);
        SlackApiResult result;
        try
        {
            result = await slack.UserInfoAsync(slackUserId, budget.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        if (!result.Ok)
        {
            return null;
        }

        // Slack: users.info returns user.profile.email with the users:read.email scope, docs.slack.dev/reference/methods/users.info
        var email = result.Body.TryGetProperty("user", out var user) && user.TryGetProperty("profile", out var profile) && profile.TryGetProperty("email", out var e) ? e.GetString() : null;
        var person = email is { Length: > 0 } ? policy.People.FindByEmail(email) : null;
        _byEmail[slackUserId] = (person?.Id, now);
        return person is null ? null : person with { SlackUserId = slackUserId };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read Slack user group {Group}: {Error}")]
    private partial void LogGroupFailed(string group, string error);
}
