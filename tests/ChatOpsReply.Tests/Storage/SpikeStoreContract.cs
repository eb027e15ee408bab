using ChatOpsReply.Crises;
using ChatOpsReply.Delivery;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Storage;

/// <summary>
/// What every store must do with spike counts and spikes, written once: every instance counts
/// into the same buckets, and one spike is opened (with its alert) however many find it at once.
/// </summary>
public abstract class SpikeStoreContract : FreshStore
{
    private static readonly DateTimeOffset Now = TestConfig.Stored(TestConfig.Start.AddMinutes(30));

    private ISpikeStore Spikes => Store<ISpikeStore>();

    private static TopicArrival Arrival(string postId, DateTimeOffset at, string queue = "support", params string[] terms) =>
        new(queue, terms.Length == 0 ? ["outage"] : terms, postId, at, WindowMinutes: 10, BaselineWeeks: 4);

    private static Spike SpikeOf(string id, DateTimeOffset at, params string[] terms) =>
        new(id, "support", terms, at, at.AddMinutes(10), 40, 1.5, [0, 0, 0, 0, 0, 0, 5, 10, 12, 13], [$"post-{id}"]);

    private static OutboxMessage Alert(string postId, DateTimeOffset at) =>
        new("0", postId, SurfaceNames.Slack, OutboxKind.SpikeAlert, at) { DueAt = at, Text = "spike" };

    /// <summary>A spike with its lists spelled out, for comparing what was stored with what is read.</summary>
    private static string Shown(Spike? spike) => spike is null ? "none" : $"{spike with { Terms = [], Minutes = [], SamplePosts = [] }} [{string.Join(",", spike.Terms)}] [{string.Join(",", spike.Minutes)}] [{string.Join(",", spike.SamplePosts)}]";

    [Fact]
    public async Task Arrivals_are_counted_per_minute_over_the_window_with_the_latest_minute_last()
    {
        await Spikes.CountAsync(Arrival("p1", Now.AddMinutes(-12)));
        await Spikes.CountAsync(Arrival("p2", Now.AddMinutes(-2)));
        await Spikes.CountAsync(Arrival("p3", Now.AddMinutes(-2)));
        await Spikes.CountAsync(Arrival("p4", Now.AddMinutes(-1)));

        var counts = Assert.Single(await Spikes.CountAsync(Arrival("p5", Now)));

        Assert.Equal("outage", counts.Term);
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 2, 1, 1], counts.Minutes);
        Assert.Equal(4, counts.InWindow);
        Assert.Equal(["p5", "p4", "p3"], counts.RecentPosts);
    }

    [Fact]
    public async Task The_same_hour_of_past_weeks_is_answered_one_week_back_first()
    {
        var week = TimeSpan.FromDays(7);
        await Spikes.CountAsync(Arrival("w1a", Now - week));
        await Spikes.CountAsync(Arrival("w1b", Now - week + TimeSpan.FromMinutes(1)));
        await Spikes.CountAsync(Arrival("w3", Now - (3 * week)));
        // Another hour of the week, and a week beyond the baseline: neither counts.
        await Spikes.CountAsync(Arrival("other-hour", Now - week - TimeSpan.FromHours(1)));
        await Spikes.CountAsync(Arrival("too-old", Now - (5 * week)));

        var counts = Assert.Single(await Spikes.CountAsync(Arrival("now", Now)));

        Assert.Equal([2, 0, 1, 0], counts.PastWeeks);
        Assert.Equal(1, counts.InWindow);
    }

    [Fact]
    public async Task Each_queue_and_term_is_counted_apart()
    {
        await Spikes.CountAsync(Arrival("a", Now, "support", "outage", "app down"));
        await Spikes.CountAsync(Arrival("b", Now, "billing", "outage"));

        var counts = await Spikes.CountAsync(Arrival("c", Now, "support", "outage", "refund"));

        Assert.Equal([("outage", 2), ("refund", 1)], counts.Select(c => (c.Term, c.InWindow)));
    }

    [Fact]
    public async Task A_batch_is_counted_as_its_arrivals_one_by_one_would_be()
    {
        await Spikes.CountAsync(Arrival("before", Now.AddMinutes(-3), "support", "outage"));

        var counts = await Spikes.CountAsync(
        [
            Arrival("s1", Now.AddMinutes(-2), "support", "outage", "app down"),
            Arrival("b1", Now.AddMinutes(-1), "billing", "refund"),
            Arrival("s2", Now.AddMinutes(-1), "support", "outage"),
            Arrival("s3", Now, "support", "outage"),
            Arrival("s4", Now, "support", "outage", "app down"),
            Arrival("b2", Now.AddMinutes(-1), "billing", "refund"),
        ]);

        Assert.Equal([("support", "outage"), ("support", "app down"), ("billing", "refund")], counts.Select(c => (c.Queue, c.Term)));
        var outage = counts[0];
        // Support's window ends with its latest arrival (now); billing's with its own (a minute ago).
        Assert.Equal([0, 0, 0, 0, 0, 0, 1, 1, 1, 2], outage.Minutes);
        Assert.Equal(["s4", "s3", "s2"], outage.RecentPosts);
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 0, 0, 2], counts[2].Minutes);
        Assert.Equal(["s4", "s1"], counts[1].RecentPosts);

        // And the next arrival finds them all there.
        var after = Assert.Single(await Spikes.CountAsync(Arrival("s5", Now, "support", "outage")));
        Assert.Equal(6, after.InWindow);
        Assert.Equal(["s5", "s4", "s3"], after.RecentPosts);
    }

    [Fact]
    public async Task Arrivals_counted_at_once_are_all_counted()
    {
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Spikes.CountAsync(Arrival($"p{i}", Now))));

        Assert.Equal(41, Assert.Single(await Spikes.CountAsync(Arrival("last", Now))).InWindow);
    }

    [Fact]
    public async Task A_new_spike_is_stored_with_its_alert_and_read_back()
    {
        var spike = SpikeOf("s1", Now, "outage", "app down");
        var before = await Store<IOutbox>().DepthAsync();

        var opening = await Spikes.OpenAsync(spike, [], [Alert(spike.Id, Now)]);

        Assert.True(opening.Opened);
        Assert.Equal(Shown(spike), Shown(await Spikes.GetAsync("s1")));
        Assert.Equal(before.Pending + 1, (await Store<IOutbox>().DepthAsync()).Pending);
        var message = Assert.Single(await Store<IOutbox>().ClaimDueAsync(Now, TimeSpan.FromMinutes(1), 10));
        Assert.Equal((spike.Id, OutboxKind.SpikeAlert, "spike"), (message.PostId, message.Kind, message.Text));
        Assert.Null(await Spikes.GetAsync("unknown"));
    }

    [Fact]
    public async Task A_spike_sharing_a_term_with_a_live_one_is_that_one_extended_and_alerts_nobody()
    {
        await Spikes.OpenAsync(SpikeOf("s1", Now, "outage", "app down"), [], [Alert("s1", Now)]);

        var later = Now.AddMinutes(4);
        var again = await Spikes.OpenAsync(SpikeOf("s2", later, "app down", "login"), [], [Alert("s2", later)]);

        Assert.False(again.Opened);
        Assert.Equal("s1", again.Spike.Id);
        Assert.Equal(later.AddMinutes(10), again.Spike.Until);
        Assert.Equal(later.AddMinutes(10), (await Spikes.GetAsync("s1"))!.Until);
        Assert.Null(await Spikes.GetAsync("s2"));
        Assert.Equal(1, (await Store<IOutbox>().DepthAsync()).Pending);
    }

    [Fact]
    public async Task A_spike_whose_post_shares_a_word_with_a_live_one_is_that_one()
    {
        await Spikes.OpenAsync(SpikeOf("s1", Now, "outage"), [], [Alert("s1", Now)]);

        var again = await Spikes.OpenAsync(SpikeOf("s2", Now.AddMinutes(3), "everywhere"), ["app", "outage everywhere"], [Alert("s2", Now)]);

        Assert.Equal(("s1", false), (again.Spike.Id, again.Opened));
        Assert.Equal(1, (await Store<IOutbox>().DepthAsync()).Pending);
    }

    [Fact]
    public async Task Another_topic_or_a_spike_after_the_last_one_ended_is_a_new_spike()
    {
        await Spikes.OpenAsync(SpikeOf("s1", Now, "outage"), [], [Alert("s1", Now)]);

        var other = await Spikes.OpenAsync(SpikeOf("s2", Now.AddMinutes(1), "refund"), [], [Alert("s2", Now)]);
        var afterwards = await Spikes.OpenAsync(SpikeOf("s3", Now.AddMinutes(11), "outage"), [], [Alert("s3", Now)]);

        Assert.True(other.Opened);
        Assert.True(afterwards.Opened);
        Assert.Equal(3, (await Store<IOutbox>().DepthAsync()).Pending);
    }

    [Fact]
    public async Task Of_spikes_opened_at_once_on_one_topic_one_is_opened()
    {
        var openings = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Spikes.OpenAsync(SpikeOf($"s{i}", Now, "outage"), [], [Alert($"s{i}", Now)])));

        var opened = Assert.Single(openings, o => o.Opened);
        Assert.All(openings, o => Assert.Equal(opened.Spike.Id, o.Spike.Id));
        Assert.Equal(1, (await Store<IOutbox>().DepthAsync()).Pending);
    }

    [Fact]
    public async Task Not_a_crisis_keeps_the_topic_quiet_until_the_silence_ends_and_is_said_once()
    {
        await Spikes.OpenAsync(SpikeOf("s1", Now, "outage"), [], [Alert("s1", Now)]);

        var silenced = await Spikes.SilenceAsync("s1", "dan", Now.AddHours(2), [Alert("s1", Now)]);
        var twice = await Spikes.SilenceAsync("s1", "carol", Now.AddHours(3), [Alert("s1", Now)]);

        Assert.Equal((SpikeStatus.NotACrisis, "dan", Now.AddHours(2)), (silenced!.Status, silenced.SilencedBy, silenced.SilencedUntil));
        Assert.Equal(Shown(silenced), Shown(twice));
        Assert.Equal(Shown(silenced), Shown(await Spikes.GetAsync("s1")));
        Assert.Equal(2, (await Store<IOutbox>().DepthAsync()).Pending);
        Assert.Null(await Spikes.SilenceAsync("unknown", "dan", Now.AddHours(2), []));

        // Past the spike's end but inside the silence: still that spike; after the silence, a new one.
        Assert.False((await Spikes.OpenAsync(SpikeOf("s2", Now.AddMinutes(90), "outage"), [], [Alert("s2", Now)])).Opened);
        Assert.True((await Spikes.OpenAsync(SpikeOf("s3", Now.AddMinutes(121), "outage"), [], [Alert("s3", Now)])).Opened);
    }
}
