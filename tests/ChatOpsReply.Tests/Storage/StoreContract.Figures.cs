using ChatOpsReply.Accountability;
using ChatOpsReply.Guidelines;
using ChatOpsReply.Posts;
using ChatOpsReply.Posts.Figures;
using ChatOpsReply.Tests.Support;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsReply.Tests.Storage;

/// <summary>The figures' reads (posts by period, trails by post) and the figures computed from them, on a generated month.</summary>
public abstract partial class StoreContract
{
    private IPostHistory History => Store<IPostHistory>();

    [Fact]
    public async Task A_period_holds_the_posts_received_from_its_start_up_to_but_not_at_its_end_oldest_first()
    {
        foreach (var (id, minutes) in new[] { ("before", -1), ("start", 0), ("later", 90), ("middle", 30), ("end", 120) })
        {
            await Create(NewPost(id, at: T0.AddMinutes(minutes)));
        }

        // A post that changes state is still found once, as it is now.
        var middle = (await Posts.GetAsync("middle"))!;
        Assert.Equal(SaveOutcome.Saved, await Posts.SaveAsync(Change(middle, p => p with { State = PostState.Claimed, Owner = "alice" })));

        var found = await History.ReceivedAsync(TestConfig.Stored(T0), TestConfig.Stored(T0.AddMinutes(120)));

        Assert.Equal(["start", "middle", "later"], found.Select(p => p.Id));
        Assert.Equal(PostState.Claimed, found[1].State);
        Assert.Empty(await History.ReceivedAsync(T0.AddMinutes(120), T0));
    }

    [Fact]
    public async Task Audit_trails_are_read_for_the_posts_asked_for_each_oldest_first()
    {
        await Create(NewPost("p1"));
        await Create(NewPost("p2", at: T0.AddMinutes(1)));
        await Create(NewPost("p3", at: T0.AddMinutes(2)));
        var p1 = (await Posts.GetAsync("p1"))!;
        await Posts.SaveAsync(Change(p1, p => p with { State = PostState.Escalated, Tier = 1 }, AuditAction.SlaBreached));

        var trails = await History.TrailsAsync(["p1", "p3", "missing"]);

        Assert.Equal(["p1", "p3"], trails.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([AuditAction.Received, AuditAction.SlaBreached], trails["p1"].Select(e => e.Action));
        Assert.Equal([AuditAction.Received], trails["p3"].Select(e => e.Action));
    }

    [Fact]
    public async Task Figures_of_a_generated_month_match_a_straightforward_recomputation_for_every_cut()
    {
        var month = GeneratedMonth.Build(400);
        await GeneratedMonth.WriteAsync(Posts, month);
        var policy = TestConfig.Policy();
        var report = new FiguresReport(History, Posts, policy, new ReplyGuidelines(Options.Create(TestConfig.GuidelineOptions())), new FakeTimeProvider(GeneratedMonth.Now));
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var cuts = new[]
        {
            new FiguresQuery(GeneratedMonth.From, GeneratedMonth.Now, TimeZoneInfo.Utc),
            new FiguresQuery(GeneratedMonth.Now.AddDays(-14), GeneratedMonth.Now, paris) { Queue = "office" },
            new FiguresQuery(GeneratedMonth.From, GeneratedMonth.Now.AddDays(-10), TimeZoneInfo.Utc) { Person = "alice", Source = "x" },
            new FiguresQuery(GeneratedMonth.From, GeneratedMonth.Now, TimeZoneInfo.Utc) { Tier = 1 },
        };

        foreach (var cut in cuts)
        {
            var figures = await report.ComputeAsync(cut);
            var expected = Recomputed(month, cut, policy);

            Assert.Equal(expected.Rows, figures.Rows.Select(r => r.PostId));
            Assert.Equal(expected.TimeToClaim, figures.TimeToClaim);
            Assert.Equal(expected.TimeToFirstReply, figures.TimeToFirstReply);
            Assert.Equal(expected.Compliance, figures.Compliance);
            Assert.Equal(expected.BreachesByTier, figures.BreachesByTier);
            Assert.Equal(expected.Waiting, figures.Waiting.Select(r => (r.PostId, r.WaitingSince)));
            Assert.Equal(expected.ByState, figures.ByState.OrderBy(s => s.Key));
            Assert.Equal(expected.Heated, figures.Heated);
            Assert.Equal(expected.Daily, figures.Daily);
            Assert.Equal(expected.Arrivals, figures.Arrivals.SelectMany(hours => hours));
        }

        // The month has every case the definitions name.
        var whole = Recomputed(month, cuts[0], policy);
        Assert.True(whole.Compliance.Known > whole.Compliance.Compliant && whole.Compliance.Compliant > 0);
        Assert.True(whole.Compliance.ClaimKnown < whole.Rows.Count);
        Assert.Contains(whole.BreachesByTier, b => b.Tier > 0);
        Assert.NotEmpty(whole.Waiting);
    }

    private sealed record Expected(
        List<string> Rows,
        TimeFigures TimeToClaim,
        TimeFigures TimeToFirstReply,
        SlaCompliance Compliance,
        List<TierBreaches> BreachesByTier,
        List<(string, DateTimeOffset?)> Waiting,
        List<KeyValuePair<PostState, int>> ByState,
        List<SourceMood> Heated,
        List<DayFigures> Daily,
        List<int> Arrivals);

    /// <summary>The figures worked out the long way: minute by minute on the queue's calendar, sorted lists for the percentiles, the generator's own record of each breach's tier.</summary>
    private static Expected Recomputed(IReadOnlyList<GeneratedPost> month, FiguresQuery cut, AccountabilityPolicy policy)
    {
        bool Takes(CustomerPost p) =>
            (cut.Queue is null || p.Queue == cut.Queue) && (cut.Tier is null || p.Tier == cut.Tier) && (cut.Person is null || p.Owner == cut.Person) && (cut.Source is null || p.Source == cut.Source);
        var chosen = month.Where(g => g.Post.ReceivedAt >= cut.From && g.Post.ReceivedAt < cut.Before && Takes(g.Post))
            .OrderBy(g => g.Post.ReceivedAt).ThenBy(g => g.Post.Id, StringComparer.Ordinal).ToList();
        var claims = new List<(TimeSpan Calendar, TimeSpan Business)>();
        var replies = new List<(TimeSpan Calendar, TimeSpan Business)>();
        int claimKnown = 0, claimedInTime = 0, replyKnown = 0, answeredInTime = 0, known = 0, compliant = 0;
        foreach (var p in chosen.Select(g => g.Post))
        {
            var queue = policy.Queue(p.Queue);
            var limits = queue.TierAt(0);
            if (p.FirstClaimedAt is { } claimed)
            {
                claims.Add((claimed - p.ReceivedAt, OpenMinutes(queue.Calendar, p.ReceivedAt, claimed)));
            }

            if (p.FirstReplyAt is { } replied)
            {
                replies.Add((replied - p.ReceivedAt, OpenMinutes(queue.Calendar, p.ReceivedAt, replied)));
            }

            if (p.State == PostState.Dismissed)
            {
                continue;
            }

            var claimDue = Deadline(queue.Calendar, p.ReceivedAt, limits.ClaimWithin);
            bool? claimOk = p.FirstClaimedAt is { } c ? c <= claimDue : GeneratedMonth.Now > claimDue ? false : null;
            bool? replyOk = null;
            if (p.FirstClaimedAt is { } from)
            {
                var replyDue = Deadline(queue.Calendar, from, limits.ReplyWithin);
                replyOk = p.FirstReplyAt is { } r ? r <= replyDue : GeneratedMonth.Now > replyDue ? false : null;
            }
            else if (claimOk == false)
            {
                replyOk = false;
            }

            claimKnown += claimOk is null ? 0 : 1;
            claimedInTime += claimOk == true ? 1 : 0;
            replyKnown += replyOk is null ? 0 : 1;
            answeredInTime += replyOk == true ? 1 : 0;
            if (claimOk == false || replyOk == false)
            {
                known++;
            }
            else if (claimOk == true && replyOk == true)
            {
                known++;
                compliant++;
            }
        }

        var breaches = chosen.SelectMany(g => g.BreachTiers.Select(t => (g.Post.Queue, Tier: t, g.Post.Id)))
            .GroupBy(b => (b.Queue, b.Tier))
            .OrderBy(b => b.Key.Queue, StringComparer.Ordinal).ThenBy(b => b.Key.Tier)
            .Select(b => new TierBreaches(b.Key.Queue, policy.Queue(b.Key.Queue).DisplayName, b.Key.Tier, policy.Queue(b.Key.Queue).TierAt(b.Key.Tier).Name, b.Count(), b.Select(x => x.Id).Distinct().Count()))
            .ToList();
        var waiting = month.Select(g => g.Post).Where(p => p.State == PostState.AwaitingApproval && Takes(p))
            .OrderBy(p => p.Draft!.At).ThenBy(p => p.Id, StringComparer.Ordinal).Select(p => (p.Id, (DateTimeOffset?)p.Draft!.At)).ToList();
        var byState = chosen.GroupBy(g => g.Post.State).OrderBy(g => g.Key).Select(g => KeyValuePair.Create(g.Key, g.Count())).ToList();
        var heated = chosen.GroupBy(g => g.Post.Source).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new SourceMood(g.Key, g.Count(), g.Count(x => x.Heated))).ToList();
        var daily = new List<DayFigures>();
        var firstDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(cut.From, cut.Zone).DateTime);
        var lastDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(cut.Before.AddTicks(-1), cut.Zone).DateTime);
        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
        {
            var that = chosen.Select(g => g.Post).Where(p => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(p.ReceivedAt, cut.Zone).DateTime) == day).ToList();
            var answered = that.Where(p => p.FirstReplyAt is not null).ToList();
            daily.Add(new DayFigures(
                day,
                that.Count,
                Percentiles(answered.Select(p => OpenMinutes(policy.Queue(p.Queue).Calendar, p.ReceivedAt, p.FirstReplyAt!.Value))),
                Percentiles(answered.Select(p => p.FirstReplyAt!.Value - p.ReceivedAt))));
        }

        var arrivals = new int[7 * 24];
        foreach (var p in chosen.Select(g => g.Post))
        {
            var local = TimeZoneInfo.ConvertTime(p.ReceivedAt, cut.Zone);
            var monday = local.DayOfWeek == DayOfWeek.Sunday ? 6 : (int)local.DayOfWeek - 1;
            arrivals[(monday * 24) + local.Hour]++;
        }

        return new Expected(
            [.. chosen.Select(g => g.Post.Id)],
            new TimeFigures(Percentiles(claims.Select(c => c.Calendar)), Percentiles(claims.Select(c => c.Business))),
            new TimeFigures(Percentiles(replies.Select(c => c.Calendar)), Percentiles(replies.Select(c => c.Business))),
            new SlaCompliance(claimKnown, claimedInTime, replyKnown, answeredInTime, known, compliant),
            breaches,
            waiting,
            byState,
            heated,
            daily,
            [.. arrivals]);
    }

    /// <summary>Nearest rank: the value at position ceil(p·n/100) of the sorted list.</summary>
    private static Spread Percentiles(IEnumerable<TimeSpan> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count == 0 ? new Spread(0, null, null) : new Spread(sorted.Count, sorted[((50 * sorted.Count) + 99) / 100 - 1], sorted[((90 * sorted.Count) + 99) / 100 - 1]);
    }

    /// <summary>Open minutes between two whole-minute times, counted one by one.</summary>
    private static TimeSpan OpenMinutes(BusinessCalendar calendar, DateTimeOffset from, DateTimeOffset to)
    {
        var open = 0;
        for (var minute = from; minute < to; minute = minute.AddMinutes(1))
        {
            open += calendar.IsOpen(minute) ? 1 : 0;
        }

        return TimeSpan.FromMinutes(open);
    }

    /// <summary>The end of the open minute in which <paramref name="limit"/> of open time after <paramref name="from"/> runs out.</summary>
    private static DateTimeOffset Deadline(BusinessCalendar calendar, DateTimeOffset from, TimeSpan limit)
    {
        var left = (int)limit.TotalMinutes;
        for (var minute = from; ; minute = minute.AddMinutes(1))
        {
            if (calendar.IsOpen(minute) && --left == 0)
            {
                return minute.AddMinutes(1);
            }
        }
    }
}
