using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using ChatOpsReply.Delivery;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsReply.Tests.Storage;

/// <summary>
/// Redis goes away in the middle of a run and comes back: senders are told to retry (503),
/// people are told to try again, nothing acknowledged is lost, nothing is stored twice, and
/// the instances recover by themselves. Runs its own redis-server (append-only, fsync on
/// every write), killed without warning as in a crash.
/// </summary>
public sealed class RedisOutageTests : IDisposable
{
    private const int Posts = 120;
    private const int Senders = 4;
    private const int FillerKeys = 2_000_000;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly RedisServer _redis = RedisServer.Start(durable: true);
    private readonly FakeTimeProvider _time = new(TestConfig.Start);
    private readonly RecordingSurface _surface = new();
    private readonly List<ServiceHost> _hosts = [];

    private ServiceHost Instance(string prefix)
    {
        var settings = RedisSettings.Fresh(_redis, prefix);
        // Short timeouts so the outage is felt quickly (production keeps the 5 s defaults).
        settings["Storage:Redis:Configuration"] = $"{_redis.Configuration},connectTimeout=1000,asyncTimeout=1000,syncTimeout=1000";
        var host = new ServiceHost(settings, s => s.AddSingleton<IChatSurface>(_surface), time: _time);
        _hosts.Add(host);
        _ = host.Server;
        return host;
    }

    [Fact]
    public async Task Posts_acknowledged_before_during_and_after_a_Redis_restart_are_all_stored_once()
    {
        var prefix = $"outage-{Guid.NewGuid():N}:";
        ServiceHost[] instances = [Instance(prefix), Instance(prefix)];
        var clients = instances.Select(i => i.NewClient()).ToArray();
        var acknowledged = new ConcurrentDictionary<string, string>();
        var refused = 0;
        var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var alice = new ConsoleSession(instances[0].NewClient());
        await alice.SignInAsync("alice");

        // Senders post one message after another, each until it is acknowledged, as a webhook sender retries.
        var senders = Enumerable.Range(0, Senders).Select(sender => Task.Run(async () =>
        {
            for (var i = sender; i < Posts; i += Senders)
            {
                // Past a third, the rest waits for the kill: on a busy machine the senders could otherwise finish first.
                if (acknowledged.Count >= Posts / 3)
                {
                    await killed.Task;
                }

                var externalId = $"outage-{i}";
                var json = JsonSerializer.Serialize(new { source = "x", externalId, author = new { handle = "@ana", displayName = "Ana" }, text = $"Where is order {i}?" });
                for (var attempt = 1; ; attempt++)
                {
                    var instance = (i + attempt) % instances.Length;
                    using var response = await instances[instance].PostSignedAsync(clients[instance], json);
                    if (response.StatusCode == HttpStatusCode.Accepted)
                    {
                        var postId = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
                        Assert.Equal(postId, acknowledged.GetOrAdd(externalId, postId));
                        break;
                    }

                    Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                    Assert.True(attempt < 200, $"{externalId} was never acknowledged.");
                    Interlocked.Increment(ref refused);
                    await Task.Delay(50);
                }
            }
        })).ToArray();

        await Until.TrueAsync(() => acknowledged.Count >= Posts / 3, Timeout, "a third of the posts acknowledged");
        var click = await alice.PrepareSubmitAsync(acknowledged.Values.First(), nameof(PostTrigger.Claim));
        _redis.Kill();
        killed.SetResult();

        await Until.TrueAsync(() => Volatile.Read(ref refused) >= Senders, Timeout, "senders told to retry");
        Assert.False(await ReadyAsync(instances[0]));
        using (var answer = await click())
        {
            Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
            Assert.Equal("The store is unavailable right now, so nothing changed. Please try again in a moment.", ConsoleSession.NoticeOf(answer));
        }

        var acknowledgedBeforeRestart = acknowledged.Count;
        await Task.Run(_redis.Restart);
        await Task.WhenAll(senders);

        Assert.True(acknowledgedBeforeRestart < Posts, "Some posts should have been sent after the restart.");
        foreach (var instance in instances)
        {
            await Until.TrueAsync(() => ReadyAsync(instance), Timeout, "/readyz ready again");
        }

        var store = instances[1].Service<IPostStore>();
        var audit = instances[1].Service<IAuditTrail>();
        Assert.Equal(Posts, acknowledged.Count);
        foreach (var (externalId, postId) in acknowledged)
        {
            Assert.Equal(postId, await store.FindIngestedAsync(new IngestKey("x", externalId)));
            Assert.NotNull(await store.GetAsync(postId));
            Assert.Equal([AuditAction.Received], (await audit.ForPostAsync(postId)).Select(e => e.Action));
        }

        Assert.Equal(Posts, (await store.CountByStateAsync()).Values.Sum());
        Assert.Equal(PostState.Open, (await instances[1].PostAsync(acknowledged.Values.First())).State);

        // A sender that repeats an acknowledged post gets the same post back.
        using (var again = await instances[1].PostSignedAsync(clients[1], JsonSerializer.Serialize(new { source = "x", externalId = "outage-0", author = new { handle = "@ana" }, text = "Where is order 0?" })))
        {
            Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
            Assert.Equal(acknowledged["outage-0"], JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString());
        }

        // Each post's card was written with it, and is shown once.
        await Task.WhenAll(instances.Select(i => i.DeliverAsync()));
        var cards = _surface.Of(OutboxKind.ShowCard).GroupBy(m => m.PostId).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(acknowledged.Values, postId => Assert.Equal(1, cards.GetValueOrDefault(postId)));
    }

    [Fact]
    public async Task An_instance_started_while_Redis_is_down_is_not_ready_then_recovers_by_itself()
    {
        _redis.Kill();
        var instance = Instance($"late-{Guid.NewGuid():N}:");

        Assert.False(await ReadyAsync(instance));
        using (var response = await instance.PostSignedAsync(instance.NewClient(), """{"source":"x","externalId":"late-1","author":{"handle":"@ana"},"text":"Hello?"}"""))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("5", response.Headers.RetryAfter?.ToString());
        }

        await Task.Run(_redis.Restart);

        await Until.TrueAsync(() => ReadyAsync(instance), Timeout, "/readyz ready");
        var postId = await instance.ReceiveAsync("Hello?", externalId: "late-1");
        Assert.Equal(PostState.Open, (await instance.PostAsync(postId)).State);
    }

    [Fact]
    public async Task Two_running_instances_ride_out_a_Redis_restart_that_answers_LOADING_and_recover_by_themselves()
    {
        // Large enough that Redis answers LOADING for a few seconds after it is started again.
        _redis.Fill(FillerKeys);
        await using var slack = await FakeSlack.StartAsync();
        var prefix = $"loading-{Guid.NewGuid():N}:";
        string[] arguments =
        [
            .. RedisSettings.Fresh(_redis, prefix).Select(s => $"--{s.Key}={s.Value}"),
            $"--Storage:Redis:Configuration={_redis.Configuration},connectTimeout=1000,asyncTimeout=1000,syncTimeout=1000",
            "--Slack:BotToken=xoxb-loading", "--Slack:SigningSecret=loading-signing-secret", $"--Slack:ApiBaseUrl={slack.Url}",
            "--Slack:ChannelBurst=100", "--Slack:ChannelPostInterval=00:00:00.010",
            // Every post's first claim timer comes due during the run, so the SLA service must be alive to fire it.
            "--Accountability:Queues:2:Chain:0:ClaimWithin=00:00:02", "--Sla:PollInterval=00:00:00.500",
            // What a round cut short by the outage held is taken again after these leases, not after production's minute.
            "--Delivery:Lease=00:00:03", "--Sla:Lease=00:00:03",
        ];
        using var first = await RunningService.StartAsync(arguments);
        using var second = await RunningService.StartAsync(arguments);
        RunningService[] instances = [first, second];
        var load = new Faults.SignedLoad(() => instances[Random.Shared.Next(2)].BaseUrl, Posts, Senders, prefix: "loading");
        load.Start();

        await Until.TrueAsync(() => load.Acknowledged.Count >= Posts / 3, TimeSpan.FromSeconds(60), "a third of the posts acknowledged");
        _redis.Kill();
        await Until.TrueAsync(() => load.Refusals.Count >= Senders, TimeSpan.FromSeconds(30), "senders told to retry while Redis is down");
        await Task.Run(_redis.RestartLoading);

        Assert.True(_redis.IsLoading, "Redis should be loading its append-only file.");
        // Probes while it loads: an answer given while Redis loaded before and after it is a 503 with Retry-After.
        var answeredWhileLoading = 0;
        var probesStored = 0;
        using (var probe = first.NewClient())
        {
            for (var i = 0; _redis.IsLoading; i++)
            {
                using var answer = await probe.SendAsync(Faults.SignedLoad.SignedRequest(first.BaseUrl, Faults.SignedLoad.Json($"loading-probe-{i}", i)));
                probesStored += answer.StatusCode == HttpStatusCode.Accepted ? 1 : 0;
                if (_redis.IsLoading)
                {
                    answeredWhileLoading++;
                    Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
                    Assert.Equal("5", answer.Headers.RetryAfter?.ToString());
                }
            }
        }

        Assert.True(answeredWhileLoading > 0, "No probe was answered while Redis was loading; make the file larger.");

        await load.CompleteAsync(TimeSpan.FromSeconds(90));
        Assert.All(load.Refusals, r => Assert.Equal((HttpStatusCode.ServiceUnavailable, "5"), r));
        foreach (var instance in instances)
        {
            using var client = instance.NewClient();
            await Until.TrueAsync(async () => (await client.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "/readyz ready again");
        }

        // Nothing was acknowledged that is not stored, nothing is stored twice, and the background
        // services carried on: each post's card is in Slack once and its claim timer fired.
        using var reader = new ServiceHost(RedisSettings.Fresh(_redis, prefix));
        var store = reader.Service<IPostStore>();
        var posts = load.Acknowledged.Values.ToArray();
        await Until.TrueAsync(
            async () => posts.All(p => slack.CardsOf(p) >= 1) && (await Task.WhenAll(posts.Select(p => store.GetAsync(p)))).All(p => p!.Tier >= 1),
            TimeSpan.FromSeconds(60),
            "every card in Slack and every claim timer fired");
        Assert.All(instances, i => Assert.False(i.HasExited, i.Output));
        Assert.Equal(Posts + probesStored, (await store.CountByStateAsync()).Values.Sum());
        foreach (var (externalId, postId) in load.Acknowledged)
        {
            Assert.Equal(postId, await store.FindIngestedAsync(new IngestKey("x", externalId)));
            Assert.Equal(1, slack.CardsOf(postId));
        }
    }

    private static async Task<bool> ReadyAsync(ServiceHost instance)
    {
        using var client = instance.ScrapeClient();
        using var response = await client.GetAsync("/readyz");
        return response.StatusCode == HttpStatusCode.OK;
    }

    public void Dispose()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
            host.DeleteFolder();
        }

        _redis.Dispose();
    }
}
