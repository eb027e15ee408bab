using ChatOpsReply.Accountability;
using ChatOpsReply.Guidelines;

namespace ChatOpsReply.Posts.Figures;

/// <summary>
/// Computes <see cref="TeamFigures"/> on request from the store's posts and audit trails, with
/// no counters of its own: every instance reading the same store shows the same figures, and a
/// restart loses nothing. Limits and business hours are the queues' as configured now.
/// </summary>
public sealed class FiguresReport(IPostHistory history, IPostStore posts, AccountabilityPolicy policy, ReplyGuidelines guidelines, TimeProvider time)
{
    /// <summary>Enough for any real backlog of approvals; the page says how many it shows.</summary>
    private const int WaitingLimit = 1000;

    public async Task<TeamFigures> ComputeAsync(FiguresQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var received = await history.ReceivedAsync(query.From, query.Before, cancellationToken).ConfigureAwait(false);
        var chosen = received.Where(query.Takes).ToList();
        // Only posts stored before their breaches' tiers were kept need their trails read.
        var breached = chosen.Where(KnowsTiersFromTrailOnly).Select(p => p.Id).ToList();
        var trails = breached.Count == 0
            ? new Dictionary<string, IReadOnlyList<AuditEvent>>()
            : await history.TrailsAsync(breached, cancellationToken).ConfigureAwait(false);
        var waiting = await posts.ListAsync(new PostQuery { States = [PostState.AwaitingApproval], Queue = query.Queue, Owner = query.Person, Limit = WaitingLimit }, cancellationToken).ConfigureAwait(false);
        return Compute(query, chosen, trails, [.. waiting.Where(query.Takes)], time.GetUtcNow());
    }

    /// <summary>The figures of posts already read and cut (<paramref name="chosen"/>), the trails of the breached ones, and the replies waiting for approval.</summary>
    public TeamFigures Compute(FiguresQuery query, IReadOnlyList<CustomerPost> chosen, IReadOnlyDictionary<string, IReadOnlyList<AuditEvent>> trails, IReadOnlyList<CustomerPost> waiting, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(chosen);
        ArgumentNullException.ThrowIfNull(trails);
        ArgumentNullException.ThrowIfNull(waiting);
        var rows = chosen.OrderBy(p => p.ReceivedAt).ThenBy(p => p.Id, StringComparer.Ordinal).Select(p => Times(p, now)).ToList();
        var shown = query.Queue is { } name ? policy.Queue(name) : policy.DefaultQueue;
        var first = shown.TierAt(0);
        return new TeamFigures(
            query,
            now,
            rows,
            new TimeFigures(Spread.Of(rows.Select(r => r.ClaimCalendar).OfType<TimeSpan>()), Spread.Of(rows.Select(r => r.ClaimBusiness).OfType<TimeSpan>())),
            new TimeFigures(Spread.Of(rows.Select(r => r.FirstReplyCalendar).OfType<TimeSpan>()), Spread.Of(rows.Select(r => r.FirstReplyBusiness).OfType<TimeSpan>())),
            SlaCompliance.Of(rows),
            [.. policy.Queues.Where(q => query.Queue is null || q.Name == shown.Name).Select(q => new QueueCompliance(q.Name, q.DisplayName, SlaCompliance.Of(rows.Where(r => r.Queue == q.Name))))],
            BreachesByTier(chosen, trails),
            [.. waiting.Select(p => Times(p, now)).OrderBy(r => r.WaitingSince ?? r.ReceivedAt).ThenBy(r => r.PostId, StringComparer.Ordinal)],
            rows.GroupBy(r => r.State).ToDictionary(g => g.Key, g => g.Count()),
            [.. rows.GroupBy(r => r.Source, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new SourceMood(g.Key, g.Count(), g.Count(r => r.Heated)))],
            Daily(query, rows),
            Arrivals(query, rows),
            first.ClaimWithin + first.ReplyWithin,
            shown.DisplayName);
    }

    private PostTimes Times(CustomerPost post, DateTimeOffset now)
    {
        var queue = policy.Queue(post.Queue);
        var calendar = queue.Calendar;
        var first = queue.TierAt(0);
        var claimDeadline = calendar.Add(post.ReceivedAt, first.ClaimWithin);
        var dismissed = post.State == PostState.Dismissed;
        bool? claimedInTime = dismissed ? null
            : post.FirstClaimedAt is { } claimed ? claimed <= claimDeadline
            : now > claimDeadline ? false : null;
        bool? answeredInTime = dismissed ? null
            : post.FirstClaimedAt is { } claimedAt
                ? post.FirstReplyAt is { } replied
                    ? replied <= calendar.Add(claimedAt, first.ReplyWithin)
                    : now > calendar.Add(claimedAt, first.ReplyWithin) ? false : null
                : claimedInTime == false ? false : null;
        return new PostTimes(
            post.Id,
            post.Source,
            post.Queue,
            post.Tier,
            post.Owner,
            post.State,
            post.Sensitivity is not null,
            guidelines.IsHeated(post),
            post.SlaBreaches,
            post.ReceivedAt,
            post.FirstClaimedAt,
            post.FirstReplyAt,
            post.FirstClaimedAt - post.ReceivedAt,
            post.FirstClaimedAt is { } c ? calendar.OpenTimeBetween(post.ReceivedAt, c) : null,
            post.FirstReplyAt - post.ReceivedAt,
            post.FirstReplyAt is { } r ? calendar.OpenTimeBetween(post.ReceivedAt, r) : null,
            claimedInTime,
            answeredInTime,
            post.State == PostState.AwaitingApproval ? post.Draft?.At : null);
    }

    private static bool KnowsTiersFromTrailOnly(CustomerPost post) => post.SlaBreaches > post.BreachTiers.Count;

    /// <summary>
    /// Counts each breach against the tier the post recorded with it; a post stored before those
    /// were kept has its trail replayed instead: arrival, a reopening and a resolved crisis hand
    /// the post to the first tier; an escalation, and a breach that escalates (one with a tier
    /// above to go to), move it one up.
    /// </summary>
    private List<TierBreaches> BreachesByTier(IReadOnlyList<CustomerPost> chosen, IReadOnlyDictionary<string, IReadOnlyList<AuditEvent>> trails)
    {
        var counts = new Dictionary<(string Queue, int Tier), (int Breaches, HashSet<string> Posts)>();
        void Count(CustomerPost post, int tier)
        {
            var key = (policy.Queue(post.Queue).Name, tier);
            var (breaches, ids) = counts.TryGetValue(key, out var found) ? found : (0, new HashSet<string>(StringComparer.Ordinal));
            ids.Add(post.Id);
            counts[key] = (breaches + 1, ids);
        }

        foreach (var post in chosen)
        {
            if (!KnowsTiersFromTrailOnly(post))
            {
                foreach (var tier in post.BreachTiers)
                {
                    Count(post, tier);
                }

                continue;
            }

            if (!trails.TryGetValue(post.Id, out var trail))
            {
                continue;
            }

            var queue = policy.Queue(post.Queue);
            var replayed = 0;
            foreach (var e in trail)
            {
                switch (e.Action)
                {
                    case AuditAction.Received or AuditAction.Reopen or AuditAction.ResolveCrisis:
                        replayed = 0;
                        break;
                    case AuditAction.Escalate:
                        replayed = Math.Min(replayed + 1, queue.Tiers.Count - 1);
                        break;
                    case AuditAction.SlaBreached:
                        Count(post, replayed);
                        if (e.To == PostState.Escalated && queue.HasTierAfter(replayed))
                        {
                            replayed++;
                        }

                        break;
                }
            }
        }

        return [.. counts.OrderBy(c => c.Key.Queue, StringComparer.Ordinal).ThenBy(c => c.Key.Tier).Select(c =>
        {
            var queue = policy.Queue(c.Key.Queue);
            return new TierBreaches(queue.Name, queue.DisplayName, c.Key.Tier, queue.TierAt(c.Key.Tier).Name, c.Value.Breaches, c.Value.Posts.Count);
        })];
    }

    private static List<DayFigures> Daily(FiguresQuery query, List<PostTimes> rows)
    {
        var byDay = rows.ToLookup(r => Local(query, r.ReceivedAt).Day);
        var days = new List<DayFigures>();
        for (var day = Local(query, query.From).Day; day <= Local(query, query.Before.AddTicks(-1)).Day; day = day.AddDays(1))
        {
            var that = byDay[day].ToList();
            days.Add(new DayFigures(day, that.Count, Spread.Of(that.Select(r => r.FirstReplyBusiness).OfType<TimeSpan>()), Spread.Of(that.Select(r => r.FirstReplyCalendar).OfType<TimeSpan>())));
        }

        return days;
    }

    private static int[][] Arrivals(FiguresQuery query, List<PostTimes> rows)
    {
        var grid = Enumerable.Range(0, 7).Select(_ => new int[24]).ToArray();
        foreach (var row in rows)
        {
            var (_, weekday, hour) = Local(query, row.ReceivedAt);
            grid[weekday][hour]++;
        }

        return grid;
    }

    /// <summary>The local day, weekday (Monday 0) and hour of an instant in the query's zone.</summary>
    private static (DateOnly Day, int Weekday, int Hour) Local(FiguresQuery query, DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, query.Zone);
        return (DateOnly.FromDateTime(local.DateTime), ((int)local.DayOfWeek + 6) % 7, local.Hour);
    }
}
