using System.Diagnostics;
using System.Net;
using System.Text.Json;
using ChatOpsReply.Delivery;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;
using Xunit.Abstractions;

namespace ChatOpsReply.Tests.Slack;

/// <summary>
/// The acceptance of "a burst never floods a channel": 10,000 posts in 60 s into one queue, signed
/// over real HTTP, against a fake Slack on 127.0.0.1 that takes one message a second per channel
/// and answers 429 with Retry-After beyond that. On the service's clock (FakeTimeProvider, moved a
/// second at a time, the fake Slack on the same clock), so the run costs the work, not the minutes:
/// every post is stored and shown on its own card or one digest line within the run, none twice, ten
/// claimed from the digest's menus get their card, and no outbox message is given up on.
/// </summary>
internal static class Burst
{
    public const int Posts = 10_000;

    public const int Seconds = 60;

    /// <summary>How long after the last arrival every post must be on show: 100 digests of 100 lines at one message a second.</summary>
    public const int DrainSeconds = 60;

    private const int Claims = 10;

    public static async Task RunAsync(FakeSlack slack, IReadOnlyList<SlackHost> instances, ITestOutputHelper output)
    {
        slack.ChannelInterval = TimeSpan.FromSeconds(1);
        var started = Stopwatch.StartNew();
        var ids = new List<string>();
        var claimed = new List<string>();
        int? allShownAt = null;
        var clients = instances.Select(i => i.Host.NewClient()).ToList();
        for (var second = 0; second < Seconds + DrainSeconds && allShownAt is null; second++)
        {
            if (second < Seconds)
            {
                var count = (Posts * (second + 1) / Seconds) - (Posts * second / Seconds);
                ids.AddRange(await ArriveAsync(instances, clients, ids.Count, count));
            }

            if (second == Seconds / 2)
            {
                claimed.AddRange(await ClaimFromDigestsAsync(slack, instances));
            }

            await Task.WhenAll(instances.Select(i => i.Host.DeliverAsync()));
            if (second >= Seconds - 1 && await SettledAsync(instances[0]) && Shown(slack).Count == Posts)
            {
                allShownAt = second;
            }

            foreach (var instance in instances)
            {
                instance.Host.Time.Advance(TimeSpan.FromSeconds(1));
            }
        }

        foreach (var client in clients)
        {
            client.Dispose();
        }

        var digests = SlackDigestView.Digests(slack);
        var lines = digests.SelectMany(SlackDigestView.Lines).ToList();
        var cards = SlackDigestView.Cards(slack);
        output.WriteLine($"{Posts} posts: all shown {allShownAt + 1} s after the first (simulated), {cards.Count} cards and {digests.Count} digests holding {lines.Count} lines, {slack.Of("chat.postMessage").Count(c => c.Failed)} posts answered 429, {started.Elapsed.TotalSeconds:0} s of real time");

        Assert.Equal(Posts, ids.Distinct().Count());
        Assert.True(allShownAt is not null, $"Not every post was shown within {Seconds + DrainSeconds} s: {Shown(slack).Count} of {Posts}.");
        Assert.Equal(ids.Order(StringComparer.Ordinal), Shown(slack).Order(StringComparer.Ordinal));
        Assert.Equal(lines.Count, lines.Distinct().Count());
        Assert.Equal(cards.Count, cards.Distinct().Count());
        Assert.Equal(Claims, claimed.Count);
        Assert.All(claimed, id => Assert.Contains(id, cards));
        Assert.All(claimed, id => Assert.Contains("_claimed by Alice Martin_", SlackDigestView.LineOf(digests.Single(d => SlackDigestView.Lines(d).Contains(id)), id), StringComparison.Ordinal));
        Assert.Empty(cards.Intersect(lines).Except(claimed));
        Assert.Equal(new OutboxDepth(0, 0), await instances[0].Host.Service<IOutbox>().DepthAsync());
        var store = instances[0].Host.Service<IPostStore>();
        foreach (var id in ids)
        {
            var post = await store.GetAsync(id);
            Assert.NotNull(post);
            Assert.Equal(claimed.Contains(id) ? (PostState.Claimed, "alice") : (PostState.Open, null), (post.State, post.Owner));
        }
    }

    /// <summary>This second's posts, signed, over HTTP, spread over the instances as a load balancer would, eight at a time.</summary>
    private static async Task<string[]> ArriveAsync(IReadOnlyList<SlackHost> instances, List<HttpClient> clients, int first, int count)
    {
        var arrived = new string[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var n = first + i;
            var json = JsonSerializer.Serialize(new { source = "x", externalId = $"burst-{n}", author = new { handle = $"@fan{n}", displayName = $"Fan {n}" }, text = $"The app is down again! Order {n} is stuck." });
            using var response = await instances[n % instances.Count].Host.PostSignedAsync(clients[n % instances.Count], json);
            var body = await response.Content.ReadAsStringAsync(ct);
            Assert.True(response.IsSuccessStatusCode, $"Ingest answered {(int)response.StatusCode}: {body}");
            arrived[i] = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
        });
        return arrived;
    }

    /// <summary>Alice chooses ten posts in the digests' Claim menus, on whichever instance Slack reaches.</summary>
    private static async Task<List<string>> ClaimFromDigestsAsync(FakeSlack slack, IReadOnlyList<SlackHost> instances)
    {
        var chosen = SlackDigestView.Digests(slack).SelectMany(SlackDigestView.Claimable).Take(Claims).ToList();
        for (var i = 0; i < chosen.Count; i++)
        {
            using var response = await instances[i % instances.Count].ChooseInDigestAsync(chosen[i], "U0ALICE", actionTs: $"1700000300.{i:000000}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        return chosen;
    }

    private static async Task<bool> SettledAsync(SlackHost instance) =>
        (await instance.Host.Service<IOutbox>().DepthAsync()).Pending == 0 && (await instance.Host.Service<IDigestStore>().BusyScopesAsync()).Count == 0;

    /// <summary>Every post a person reading the channel can find: on its own card or on a digest line.</summary>
    private static HashSet<string> Shown(FakeSlack slack) =>
        [.. SlackDigestView.Cards(slack).Concat(SlackDigestView.Digests(slack).SelectMany(SlackDigestView.Lines))];
}

[Collection(nameof(SlackBurstTests))]
public sealed class SlackBurstTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Ten_thousand_posts_in_a_minute_into_one_channel_are_all_shown_once_on_cards_or_digest_lines()
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var instance = await SlackHost.StartAsync(new Dictionary<string, string?> { ["Console:PublicUrl"] = SlackDigestView.ConsoleUrl }, slack);

        await Burst.RunAsync(slack, [instance], output);
    }
}

[Collection(nameof(SlackBurstOnRedisTests))]
public sealed class SlackBurstOnRedisTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Ten_thousand_posts_in_a_minute_through_two_instances_on_redis_are_all_shown_once_on_cards_or_digest_lines()
    {
        await using var slack = await FakeSlack.StartAsync();
        var settings = new Dictionary<string, string?>(RedisSettings.Fresh(RedisServer.Shared)) { ["Console:PublicUrl"] = SlackDigestView.ConsoleUrl };
        await using var a = await SlackHost.StartAsync(settings, slack);
        await using var b = await SlackHost.StartAsync(settings, slack);

        await Burst.RunAsync(slack, [a, b], output);
    }
}
