using System.Diagnostics;
using System.Net;
using System.Text.Json;
using ChatOpsReply.Delivery;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;
using Xunit.Abstractions;

namespace ChatOpsReply.Tests.Teams;

/// <summary>
/// "A burst never floods a channel", in Teams: 10,000 posts in 60 s into one queue, signed over real
/// HTTP, against a fake Bot Framework on 127.0.0.1 that keeps Teams' per-thread limits (60 calls in 30
/// seconds) and answers 429 with Retry-After beyond them, on the service's clock. Every post is stored
/// and shown on its own card or one digest line, none twice, ten claimed from digest lines get their
/// card and their line says so, and no outbox message is given up on.
/// </summary>
[Collection(nameof(TeamsBurstDigestTests))]
public sealed class TeamsBurstDigestTests(ITestOutputHelper output) : TeamsTestBase
{
    private const int Posts = 10_000;
    private const int Seconds = 60;

    /// <summary>
    /// After the last arrival. The floor is Teams' own pace: the first 30 s go to single cards (60 calls),
    /// then about 290 digest cards of 35 lines at two calls a second, about 175 s from the first arrival.
    /// </summary>
    private const int DrainSeconds = 180;

    private const int Claims = 10;

    // A burst of "the app is down" is a spike too: its alert goes to the crisis channel, reached through the configured connector address.
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Teams:ServiceUrl"] = Fake.ServiceUrl };

    [Fact]
    public async Task Ten_thousand_posts_in_a_minute_into_one_channel_are_all_shown_once_on_cards_or_digest_lines()
    {
        Fake.ThreadPaceClock = Host.Time.GetUtcNow;
        var started = Stopwatch.StartNew();
        var ids = new List<string>();
        var claimed = new List<string>();
        int? allShownAt = null;
        using var client = Host.NewClient();
        for (var second = 0; second < Seconds + DrainSeconds && allShownAt is null; second++)
        {
            if (second < Seconds)
            {
                var count = (Posts * (second + 1) / Seconds) - (Posts * second / Seconds);
                ids.AddRange(await ArriveAsync(client, ids.Count, count));
            }

            // The first cards take the channel's 60 calls of the first 30 s, so digests show from then on.
            if (second == Seconds * 3 / 4)
            {
                claimed.AddRange(await ClaimFromDigestsAsync());
            }

            await Host.DeliverAsync();
            if (second >= Seconds - 1 && await SettledAsync() && Shown().Count == Posts)
            {
                allShownAt = second;
            }

            Host.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var digests = TeamsDigestView.Digests(Fake);
        var lines = digests.SelectMany(d => d.Lines).ToList();
        var cards = TeamsDigestView.Cards(Fake);
        output.WriteLine($"{Posts} posts: all shown {allShownAt + 1} s after the first (simulated), {cards.Count} cards and {digests.Count} digests holding {lines.Count} lines, {Fake.ThreadLimited} calls answered 429, {started.Elapsed.TotalSeconds:0} s of real time");

        Assert.Equal(Posts, ids.Distinct().Count());
        Assert.True(allShownAt is not null, $"Not every post was shown within {Seconds + DrainSeconds} s: {Shown().Count} of {Posts}.");
        Assert.Equal(ids.Order(StringComparer.Ordinal), Shown().Order(StringComparer.Ordinal));
        Assert.Equal(lines.Count, lines.Distinct().Count());
        Assert.Equal(cards.Count, cards.Distinct().Count());
        Assert.Equal(Claims, claimed.Count);
        Assert.All(claimed, id => Assert.Contains(id, cards));
        Assert.All(claimed, id => Assert.Contains("claimed by Alice Martin", digests.Single(d => d.Lines.Contains(id)).LineOf(id), StringComparison.Ordinal));
        Assert.Empty(cards.Intersect(lines).Except(claimed));
        Assert.Equal(new OutboxDepth(0, 0), await Host.Service<IOutbox>().DepthAsync());
        var store = Host.Service<IPostStore>();
        foreach (var id in ids)
        {
            var post = await store.GetAsync(id);
            Assert.NotNull(post);
            Assert.Equal(claimed.Contains(id) ? (PostState.Claimed, "alice") : (PostState.Open, null), (post.State, post.Owner));
        }

        await AssertAcceptedByAdaptiveCardsAsync([.. digests.Take(3).Select(d => d.Card)], digest: true);
    }

    /// <summary>This second's posts, signed, over HTTP, eight at a time.</summary>
    private async Task<string[]> ArriveAsync(HttpClient client, int first, int count)
    {
        var arrived = new string[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var n = first + i;
            var json = JsonSerializer.Serialize(new { source = "x", externalId = $"burst-{n}", author = new { handle = $"@fan{n}", displayName = $"Fan {n}" }, text = $"The app is down again! Order {n} is stuck." });
            using var response = await Host.PostSignedAsync(client, json);
            var body = await response.Content.ReadAsStringAsync(ct);
            Assert.True(response.IsSuccessStatusCode, $"Ingest answered {(int)response.StatusCode}: {body}");
            arrived[i] = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
        });
        return arrived;
    }

    /// <summary>Alice claims ten posts from the digests' lines; each answer is the digest with her claim on the line.</summary>
    private async Task<List<string>> ClaimFromDigestsAsync()
    {
        var chosen = TeamsDigestView.Digests(Fake).SelectMany(d => d.Claimable.Select(id => (Digest: d, Id: id))).Take(Claims).ToList();
        Assert.Equal(Claims, chosen.Count);
        foreach (var (digest, id) in chosen)
        {
            var answer = await Teams.InvokeAsync(id, "Claim", "alice", digest: digest.Number, cardActivityId: digest.ActivityId);
            Assert.Contains("claimed by Alice Martin", TeamsDigestView.LineText(answer["value"]!.AsObject(), id), StringComparison.Ordinal);
        }

        return [.. chosen.Select(c => c.Id)];
    }

    private async Task<bool> SettledAsync() =>
        (await Host.Service<IOutbox>().DepthAsync()).Pending == 0 && (await Host.Service<IDigestStore>().BusyScopesAsync()).Count == 0;

    /// <summary>Every post a person reading the channel can find: on its own card or on a digest line.</summary>
    private HashSet<string> Shown() => [.. TeamsDigestView.Cards(Fake).Concat(TeamsDigestView.Digests(Fake).SelectMany(d => d.Lines))];
}
