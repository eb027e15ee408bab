using ChatOpsReply.Accountability;
using ChatOpsReply.Delivery;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsReply.Tests.Accountability;

/// <summary>Nobody acts, the clock runs: the post climbs the chain one tier at a time and each tier is told.</summary>
public sealed class SlaEscalationTests : IDisposable
{
    private readonly RecordingSurface _surface = new();
    private readonly List<ServiceHost> _hosts = [];

    private ServiceHost Host(FakeTimeProvider? time = null, string? folder = null, IDictionary<string, string?>? settings = null)
    {
        var host = new ServiceHost(settings, services: s => s.AddSingleton<IChatSurface>(_surface), folder: folder, time: time);
        _hosts.Add(host);
        return host;
    }

    [Fact]
    public async Task An_unclaimed_post_climbs_every_tier_and_stops_at_the_last()
    {
        var host = Host();
        var postId = await host.ReceiveAsync("Where is my order?");

        Assert.Equal(0, await host.AdvanceAsync(TimeSpan.FromMinutes(14)));
        Assert.Equal(PostState.Open, (await host.PostAsync(postId)).State);

        await host.AdvanceAsync(TimeSpan.FromMinutes(1));
        var lead = await host.PostAsync(postId);
        Assert.Equal((PostState.Escalated, 1, 1), (lead.State, lead.Tier, lead.SlaBreaches));
        Assert.Equal(host.Time.GetUtcNow().AddMinutes(10), lead.ClaimDueAt);

        await host.AdvanceAsync(TimeSpan.FromMinutes(10));
        Assert.Equal(2, (await host.PostAsync(postId)).Tier);
        await host.AdvanceAsync(TimeSpan.FromMinutes(10));
        Assert.Equal(3, (await host.PostAsync(postId)).Tier);

        await host.AdvanceAsync(TimeSpan.FromMinutes(5));
        var last = await host.PostAsync(postId);
        Assert.Equal((PostState.Escalated, 3, 4), (last.State, last.Tier, last.SlaBreaches));
        Assert.Null(last.NextSlaDueAt);
        Assert.Equal(0, await host.AdvanceAsync(TimeSpan.FromHours(5)));

        await host.DeliverAsync();
        var mentions = _surface.Of(OutboxKind.Notify).Select(m => string.Join(",", m.People)).ToList();
        Assert.Equal(["carol", "dan", "sam", "sam"], mentions);
        Assert.StartsWith("Escalated to lead: not claimed within 15 min at frontline.", _surface.Of(OutboxKind.Notify).First().Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timers_fire_with_a_real_clocks_sub_millisecond_precision()
    {
        // A real clock has ticks below the millisecond; stores keep due times to the millisecond.
        var host = Host(new FakeTimeProvider(TestConfig.Start.AddTicks(1234)));
        var postId = await host.ReceiveAsync("Where is my order?");
        await host.ActAsync(postId, PostTrigger.Claim, "alice");
        await host.ActAsync(postId, PostTrigger.Release, "alice");

        await host.AdvanceAsync(TimeSpan.FromMinutes(15).Add(TimeSpan.FromTicks(4321)));

        var post = await host.PostAsync(postId);
        Assert.Equal((PostState.Escalated, 1, 1), (post.State, post.Tier, post.SlaBreaches));
        Assert.Empty(host.Errors.Entries);
    }

    [Fact]
    public async Task A_claimed_post_without_a_reply_in_time_goes_to_the_next_tier_where_the_queue_moves_up_on_any_breach()
    {
        // Support is the third queue of the test configuration.
        var host = Host(settings: new Dictionary<string, string?> { ["Accountability:Queues:2:MoveUpOnAnyBreach"] = "true" });
        var postId = await host.ReceiveAsync("Where is my order?");
        await host.AdvanceAsync(TimeSpan.FromMinutes(5));
        await host.ActAsync(postId, PostTrigger.Claim, "alice");

        await host.AdvanceAsync(TimeSpan.FromMinutes(44));
        Assert.Equal(PostState.Claimed, (await host.PostAsync(postId)).State);
        await host.AdvanceAsync(TimeSpan.FromMinutes(1));

        var post = await host.PostAsync(postId);
        Assert.Equal((PostState.Escalated, 1, (string?)null), (post.State, post.Tier, post.Owner));
        await host.DeliverAsync();
        Assert.Contains(_surface.Of(OutboxKind.ThreadNote), m => m.Text == "SLA missed (no reply within 45 min at frontline): escalated to lead");
    }

    [Fact]
    public async Task Claiming_in_time_stops_the_claim_timer()
    {
        var host = Host();
        var postId = await host.ReceiveAsync("Where is my order?");
        await host.ActAsync(postId, PostTrigger.Claim, "alice");
        await host.ActAsync(postId, PostTrigger.SubmitDraft, "alice", new DraftInput("Hi Ana, your order left our warehouse this morning."));
        await host.ActAsync(postId, PostTrigger.Send, "alice");

        Assert.Equal(0, await host.AdvanceAsync(TimeSpan.FromDays(1)));
        Assert.Equal(PostState.Sent, (await host.PostAsync(postId)).State);
    }

    [Fact]
    public async Task SLA_time_counts_only_business_hours_and_timers_survive_a_restart()
    {
        // Friday 27 November 2026, 16:30 in Paris: half an hour of the office's day is left.
        var friday = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 15, 30, 0, TimeSpan.Zero));
        var first = Host(friday);
        var postId = await first.ReceiveAsync("Please update my billing address", source: "email");
        var mondayHalfPastNine = new DateTimeOffset(2026, 11, 30, 8, 30, 0, TimeSpan.Zero);
        Assert.Equal(mondayHalfPastNine, (await first.PostAsync(postId)).ClaimDueAt);

        Assert.Equal(0, await first.AdvanceAsync(TimeSpan.FromHours(2)));
        first.Dispose();

        // The service restarts on Monday morning, just before the deadline.
        var monday = new FakeTimeProvider(mondayHalfPastNine.AddMinutes(-1));
        var second = Host(monday, first.Folder);
        Assert.Equal(0, await second.AdvanceAsync(TimeSpan.Zero));
        Assert.Equal(1, await second.AdvanceAsync(TimeSpan.FromMinutes(1)));
        var lead = await second.PostAsync(postId);
        Assert.Equal((PostState.Escalated, 1), (lead.State, lead.Tier));
        Assert.Equal(mondayHalfPastNine.AddHours(1), lead.ClaimDueAt);

        await second.AdvanceAsync(TimeSpan.FromHours(1));
        Assert.Equal(2, (await second.PostAsync(postId)).Tier);

        // Manager's hour starts 10:30 Paris; 16:30 closes the day with 6 hours gone, so nothing fires in the evening.
        await second.AdvanceAsync(TimeSpan.FromMinutes(59));
        Assert.Equal(PostState.Escalated, (await second.PostAsync(postId)).State);
        await second.AdvanceAsync(TimeSpan.FromMinutes(1));
        var last = await second.PostAsync(postId);
        Assert.Equal((2, 3, (DateTimeOffset?)null), (last.Tier, last.SlaBreaches, last.NextSlaDueAt));
    }

    [Fact]
    public async Task A_timer_fired_twice_is_applied_once()
    {
        var host = Host();
        var postId = await host.ReceiveAsync("Where is my order?");
        host.Time.Advance(TimeSpan.FromMinutes(15));
        var due = TestConfig.Start.AddMinutes(15);
        var command = new PostCommand(postId, PostTrigger.SlaBreached, Person.System, "timer", $"sla:{postId}:{due.ToUnixTimeMilliseconds()}")
        {
            Input = new BreachInput(due),
        };

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() => host.Service<PostCommandHandler>().HandleAsync(command))));

        Assert.Single(results, r => r.Outcome == CommandOutcome.Applied);
        Assert.Equal(1, (await host.PostAsync(postId)).Tier);
    }

    public void Dispose()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }

        _hosts[0].DeleteFolder();
    }
}
