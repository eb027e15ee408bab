using ChatOpsReply.Delivery;
using ChatOpsReply.Posts;
using ChatOpsReply.Teams;
using ChatOpsReply.Tests.Support;
using ChatOpsReply.Tests.Teams;

namespace ChatOpsReply.Tests.Faults;

/// <summary>
/// The chat platform answers 500 to everything for 30 s, then 429 with a Retry-After for 15 s,
/// while posts arrive and people claim them. On the service's clock (FakeTimeProvider, driven a
/// second at a time, so the storm costs no real minute): afterwards every card and every update
/// has been delivered, each once, a card before its updates and the last update showing the post
/// as it is.
/// </summary>
internal static class Storm
{
    public const int Posts = 6;

    public static readonly TimeSpan Failing = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan RateLimited = TimeSpan.FromSeconds(15);

    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>Posts arrive and are claimed during the storm, and the outbox runs a second at a time until it is empty.</summary>
    public static async Task<string[]> RideOutAsync(ServiceHost host)
    {
        var posts = new List<string>();
        for (var second = 0; second < 300; second++)
        {
            if (second < Posts * 5 && second % 5 == 0)
            {
                posts.Add(await host.ReceiveAsync($"Where is order {second}?", externalId: $"storm-{second}"));
            }

            // The even posts are claimed while the platform fails, one in the 429s: each gets an update behind its card.
            if (second is 12 or 28 or 36)
            {
                Assert.True((await host.ActAsync(posts[(second / 12 - 1) * 2 % Posts], PostTrigger.Claim, "alice")).Succeeded);
            }

            await host.DeliverAsync();
            if (second > (Failing + RateLimited).TotalSeconds && (await host.Service<IOutbox>().DepthAsync()) == new OutboxDepth(0, 0))
            {
                return [.. posts];
            }

            host.Time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Fail($"The outbox still held {await host.Service<IOutbox>().DepthAsync()} long after the storm.");
        return [];
    }

    public static bool Claimed(int i) => i is 0 or 2 or 4;
}

[Collection(nameof(SlackStormTests))]
public sealed class SlackStormTests : IAsyncLifetime
{
    private SlackHost _slack = null!;

    public async Task InitializeAsync() => _slack = await SlackHost.StartAsync();

    public async Task DisposeAsync() => await _slack.DisposeAsync();

    [Fact]
    public async Task After_30_s_of_500s_and_then_429s_every_card_and_update_reaches_Slack_once_and_in_order()
    {
        var fake = _slack.Slack;
        fake.Storm = new PlatformStorm(_slack.Host.Time.GetUtcNow, Storm.Failing, Storm.RateLimited, Storm.RetryAfter);

        var posts = await Storm.RideOutAsync(_slack.Host);

        Assert.Contains(fake.Calls, c => c.Failed);
        var delivered = fake.Calls.Where(c => !c.Failed).ToList();
        for (var i = 0; i < posts.Length; i++)
        {
            Assert.Equal(1, fake.CardsOf(posts[i]));
            var card = fake.Messages.Single(m => (string?)m["metadata"]?["event_payload"]?["post_id"] == posts[i] && (string?)m["metadata"]?["event_payload"]?["key"] == "slack:card");
            var ts = (string)card["ts"]!;
            var posted = delivered.FindIndex(c => c.Method == "chat.postMessage" && c.Answer?["ts"]?.GetValue<string>() == ts);
            var updates = delivered.Select((c, at) => (c, at)).Where(u => u.c.Method == "chat.update" && u.c.Arg("ts") == ts).ToList();
            var notes = delivered.Where(c => c.Method == "chat.postMessage" && c.Arg("thread_ts") == ts).ToList();
            Assert.All(updates, u => Assert.True(u.at > posted, "An update reached Slack before its card."));
            if (Storm.Claimed(i))
            {
                Assert.Single(updates);
                Assert.Contains("Claimed", updates[^1].c.VisibleText, StringComparison.Ordinal);
                Assert.Single(notes, n => n.Arg("text").Contains("claimed", StringComparison.Ordinal));
            }
            else
            {
                Assert.Empty(updates);
                Assert.Empty(notes);
            }
        }
    }
}

[Collection(nameof(TeamsStormTests))]
public sealed class TeamsStormTests : TeamsTestBase
{
    [Fact]
    public async Task After_30_s_of_500s_and_then_429s_every_card_and_update_reaches_Teams_once_and_in_order()
    {
        Fake.Storm = new PlatformStorm(Host.Time.GetUtcNow, Storm.Failing, Storm.RateLimited, Storm.RetryAfter);

        var posts = await Storm.RideOutAsync(Host);

        Assert.Contains(Fake.Calls, c => c.Answer is null);
        var delivered = Fake.Calls.Where(c => c.Answer is not null).ToList();
        for (var i = 0; i < posts.Length; i++)
        {
            var card = Assert.Single(Fake.LiveCardsOf(posts[i]));
            var created = delivered.FindIndex(c => c.Route == "create" && (string?)c.Answer!["activityId"] == card);
            var updates = delivered.Select((c, at) => (c, at)).Where(u => u.c.Route == "update" && u.c.ActivityId == card).ToList();
            Assert.All(updates, u => Assert.True(u.at > created, "An update reached Teams before its card."));
            if (Storm.Claimed(i))
            {
                Assert.Single(updates);
                Assert.Contains("Alice Martin", updates[^1].c.Card!.ToJsonString(), StringComparison.Ordinal);
            }
            else
            {
                Assert.Empty(updates);
            }
        }

        Assert.Equal(posts.Length, delivered.Count(c => c.Route == "create" && c.Card is not null && posts.Any(p => c.Card.ToJsonString().Contains(p, StringComparison.Ordinal))));
        Assert.NotNull(await Host.Service<ICardReferences>().GetAsync(posts[0], TeamsSurface.CardKey));
    }
}
