using ChatOpsReply.Accountability;
using ChatOpsReply.Delivery;
using ChatOpsReply.Posts;
using ChatOpsReply.Sources;
using ChatOpsReply.Teams;
using ChatOpsReply.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsReply.Tests.Storage;

/// <summary>
/// Two instances of the service on one Redis, as behind a load balancer: whatever both do at
/// once, each thing happens exactly once.
/// </summary>
public sealed class RedisMultiInstanceTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(TestConfig.Start);
    private readonly RecordingSurface _surface = new();
    private readonly string _prefix = $"multi-{Guid.NewGuid():N}:";
    private readonly List<ServiceHost> _hosts = [];

    /// <summary>An instance on the shared Redis; all of this test's instances share the clock, the keys and the chat surface.</summary>
    private ServiceHost Instance(string? prefix = null)
    {
        var host = new ServiceHost(RedisSettings.Fresh(RedisServer.Shared, prefix ?? _prefix), s => s.AddSingleton<IChatSurface>(_surface), time: _time);
        _hosts.Add(host);
        // Running before the test starts, as an instance behind a load balancer is.
        _ = host.Server;
        return host;
    }

    [Fact]
    public async Task Of_200_concurrent_claims_spread_over_two_instances_exactly_one_wins()
    {
        var (a, b) = (Instance(), Instance());
        var postId = await a.ReceiveAsync("My parcel never arrived.");
        var people = new[] { "alice", "bob", "lou" };

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            Task.Run(() => (i % 2 == 0 ? a : b).ActAsync(postId, PostTrigger.Claim, people[i % people.Length], key: $"click-{i}"))));

        var winner = Assert.Single(results, r => r.Outcome == CommandOutcome.Applied);
        Assert.All(results.Where(r => r != winner), r => Assert.Equal(CommandOutcome.Rejected, r.Outcome));
        var stored = await b.PostAsync(postId);
        Assert.Equal((2L, winner.Post!.Owner), (stored.Version, stored.Owner));
        Assert.Single(await b.Service<IAuditTrail>().ForPostAsync(postId), e => e.Action == AuditAction.Claim);
    }

    [Fact]
    public async Task Two_instances_posting_to_one_channel_draw_on_one_pace()
    {
        var (a, b) = (Instance(), Instance());
        var limit = new PaceLimit(3, TimeSpan.FromSeconds(1));
        var now = _time.GetUtcNow();

        var waits = new List<TimeSpan?>();
        for (var i = 0; i < 6; i++)
        {
            waits.Add(await (i % 2 == 0 ? a : b).Service<IPostingPace>().ReserveAsync("slack:C0SUPPORT", $"m{i}", limit, now));
        }

        Assert.Equal([null, null, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3)], waits);
    }

    [Fact]
    public async Task Two_instances_calling_one_teams_thread_count_against_one_limit()
    {
        var (a, b) = (Instance(), Instance());

        var throttles = new[] { a, b }.Select(host => new TeamsThreadThrottle(host.Service<IPostingPace>(), _time)).ToList();

        var waits = new List<TimeSpan?>();
        for (var i = 0; i < 8; i++)
        {
            waits.Add(await throttles[i % 2].TryAcquireAsync("19:support@thread.tacv2;messageid=1"));
        }

        // Teams takes 7 calls a second per thread: the eighth, from either instance, waits.
        Assert.Equal(7, waits.Count(w => w is null));
        Assert.Equal(TimeSpan.FromSeconds(1), waits[7]);
    }

    [Fact]
    public async Task A_thousand_due_timers_are_each_fired_exactly_once_by_two_instances()
    {
        var (a, b) = (Instance(), Instance());
        var postIds = await ReceiveManyAsync(a, 1000);
        _time.Advance(TimeSpan.FromMinutes(15));

        var fired = await Task.WhenAll(new[] { a, b }.Select(host => Task.Run(() => FireAllDueAsync(host))));

        Assert.Equal(1000, fired.Sum());
        Assert.All(fired, count => Assert.True(count > 0, $"Both instances should have fired timers; they fired {string.Join(" and ", fired)}."));
        await AssertEachBreachedOnceAsync(b, postIds);
    }

    [Fact]
    public async Task Timers_leased_by_an_instance_that_died_are_fired_by_the_other_after_the_lease()
    {
        var (a, b) = (Instance(), Instance());
        var postIds = await ReceiveManyAsync(a, 20);
        _time.Advance(TimeSpan.FromMinutes(15));
        var lease = a.Service<IOptions<SlaOptions>>().Value.Lease;
        var leased = await a.Service<ISlaTimers>().ClaimDueAsync(_time.GetUtcNow(), lease, 100);
        Assert.Equal(20, leased.Count);

        a.Dispose();
        Assert.Equal(0, await FireAllDueAsync(b));
        _time.Advance(lease);
        var fired = await FireAllDueAsync(b);

        Assert.Equal(20, fired);
        await AssertEachBreachedOnceAsync(b, postIds);
    }

    [Fact]
    public async Task Two_instances_delivering_at_once_show_each_card_once_and_in_order()
    {
        var (a, b) = (Instance(), Instance());
        var postIds = await ReceiveManyAsync(a, 50);
        foreach (var (postId, i) in postIds.Select((id, i) => (id, i)))
        {
            await (i % 2 == 0 ? a : b).ActAsync(postId, PostTrigger.Claim, "alice");
        }

        await Task.WhenAll(a.DeliverAsync(), b.DeliverAsync(), Task.Run(a.DeliverAsync), Task.Run(b.DeliverAsync));

        var delivered = _surface.Delivered.Select(d => d.Message).ToList();
        Assert.DoesNotContain(delivered.GroupBy(m => m.Id), g => g.Count() > 1);
        Assert.All(postIds, postId =>
        {
            // The card of each transition (arrival, claim), each once, the arrival's first.
            var ofPost = delivered.Where(m => m.PostId == postId).ToList();
            Assert.Equal(2, ofPost.Count(m => m.Kind == OutboxKind.ShowCard));
            Assert.Equal(OutboxKind.ShowCard, ofPost[0].Kind);
        });
        Assert.Equal(new OutboxDepth(0, 0), await b.Service<IOutbox>().DepthAsync());
    }

    [Fact]
    public async Task A_console_form_rendered_by_one_instance_is_accepted_by_the_other()
    {
        var (a, b) = (Instance(), Instance());
        var postId = await a.ReceiveAsync("My parcel never arrived.");
        using var browser = LoadBalancer.Client(a, b);
        var session = new ConsoleSession(browser);

        // Every request goes to the other instance than the one before: sign-in cookie and form tokens cross over.
        await session.SignInAsync("alice");
        var notice = await session.ClickAsync(postId, nameof(PostTrigger.Claim));

        Assert.Equal("Done.", notice);
        Assert.Equal(("alice", PostState.Claimed), ((await b.PostAsync(postId)).Owner, (await b.PostAsync(postId)).State));
    }

    [Fact]
    public async Task Instances_of_another_environment_do_not_accept_each_others_forms()
    {
        // Same Redis, another key prefix: another key ring, so this instance's cookies and tokens mean nothing there.
        using var browser = LoadBalancer.Client(Instance(), Instance($"other-{Guid.NewGuid():N}:"));
        var page = await new ConsoleSession(browser).PageAsync("/console/sign-in");
        var token = ConsoleSession.FormToken(page);

        using var response = await browser.PostAsync("/console/identity", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["person"] = "alice",
            ["returnTo"] = "/console",
        }));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static async Task<List<string>> ReceiveManyAsync(ServiceHost host, int count)
    {
        var intake = host.Service<PostIntake>();
        var ids = new List<string>();
        foreach (var batch in Enumerable.Range(0, count).Chunk(50))
        {
            var results = await Task.WhenAll(batch.Select(i => intake.ReceiveAsync(
                new IncomingPost("x", $"many-{i}", null, new PostAuthor("@ana", "Ana Lopez"), $"Where is order {i}?", null, null),
                CancellationToken.None)));
            ids.AddRange(results.Select(r => r.PostId!));
        }

        return ids;
    }

    /// <summary>What an instance's timer loop does until nothing is due: returns how many timers it claimed.</summary>
    private static async Task<int> FireAllDueAsync(ServiceHost host)
    {
        var timers = host.Service<SlaTimerService>();
        var total = 0;
        int fired;
        while ((fired = await timers.FireDueAsync()) > 0)
        {
            total += fired;
        }

        return total;
    }

    private static async Task AssertEachBreachedOnceAsync(ServiceHost host, IReadOnlyList<string> postIds)
    {
        var audit = host.Service<IAuditTrail>();
        foreach (var postId in postIds)
        {
            var post = await host.PostAsync(postId);
            Assert.Equal((PostState.Escalated, 1, 1), (post.State, post.Tier, post.SlaBreaches));
            Assert.Single(await audit.ForPostAsync(postId), e => e.Action == AuditAction.SlaBreached);
        }
    }

    public void Dispose()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
            host.DeleteFolder();
        }
    }
}
