using ChatOpsReply.Delivery;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Slack;

/// <summary>How the slack surface behaves when Slack pushes back: rate limits, outages, gone channels, bursts.</summary>
public sealed class SlackDeliveryTests : IAsyncLifetime
{
    private SlackHost _slack = null!;

    private FakeSlack Fake => _slack.Slack;

    public async Task InitializeAsync() => _slack = await SlackHost.StartAsync();

    public async Task DisposeAsync() => await _slack.DisposeAsync();

    [Fact]
    public async Task A_rate_limited_card_waits_for_retry_after_then_is_posted_once()
    {
        Fake.RateLimit("chat.postMessage", seconds: 30);
        await _slack.Host.ReceiveAsync("Where is my parcel?");

        await _slack.Host.DeliverAsync();
        _slack.Host.Time.Advance(TimeSpan.FromSeconds(29));
        await _slack.Host.DeliverAsync();
        Assert.Single(Fake.Of("chat.postMessage"));

        _slack.Host.Time.Advance(TimeSpan.FromSeconds(1));
        await _slack.Host.DeliverAsync();

        Assert.Equal([true, false], Fake.Of("chat.postMessage").Select(c => c.Failed));
        Assert.Equal(new OutboxDepth(0, 0), await _slack.Host.Service<IOutbox>().DepthAsync());
    }

    [Fact]
    public async Task Rate_limits_more_often_than_the_outbox_tries_a_message_still_let_the_card_through()
    {
        await using var strict = await SlackHost.StartAsync(new Dictionary<string, string?> { ["Delivery:MaxAttempts"] = "2" });
        strict.Slack.RateLimit("chat.postMessage", seconds: 5, times: 4);
        await strict.Host.ReceiveAsync("Where is my parcel?");

        await strict.DeliverAllAsync(maxSeconds: 60);

        Assert.Equal([true, true, true, true, false], strict.Slack.Of("chat.postMessage").Select(c => c.Failed));
        Assert.Equal(new OutboxDepth(0, 0), await strict.Host.Service<IOutbox>().DepthAsync());
    }

    [Fact]
    public async Task A_card_whose_answer_was_lost_is_found_in_its_channel_and_updated_never_posted_twice()
    {
        Fake.LoseAnswers("chat.postMessage");
        var postId = await _slack.Host.ReceiveAsync("Where is my parcel?");

        await _slack.DeliverAllAsync(maxSeconds: 60);
        await _slack.Host.ActAsync(postId, PostTrigger.Claim, "alice");
        await _slack.DeliverAllAsync(maxSeconds: 60);

        Assert.Equal(1, Fake.CardsOf(postId));
        var card = Fake.Messages.Single();
        var updates = Fake.Of("chat.update").Where(c => c.Arg("ts") == (string)card["ts"]!).ToList();
        Assert.Equal(2, updates.Count);
        Assert.Contains("Claimed", updates[^1].VisibleText, StringComparison.Ordinal);
        Assert.Contains(Fake.Of("chat.postMessage"), c => c.Arg("thread_ts") == (string)card["ts"]! && c.Arg("text").Contains("claimed", StringComparison.Ordinal));
        Assert.Equal(new OutboxDepth(0, 0), await _slack.Host.Service<IOutbox>().DepthAsync());
    }

    [Fact]
    public async Task A_card_slack_refused_is_posted_again_without_looking_for_it()
    {
        Fake.Error("chat.postMessage", "internal_error");
        var postId = await _slack.Host.ReceiveAsync("Where is my parcel?");

        await _slack.DeliverAllAsync(maxSeconds: 60);

        Assert.Equal(1, Fake.CardsOf(postId));
        Assert.Empty(Fake.Of("conversations.history"));
    }

    [Fact]
    public async Task After_a_500_the_channel_is_looked_at_once_and_the_card_is_posted_once()
    {
        Fake.Fail("chat.postMessage");
        var postId = await _slack.Host.ReceiveAsync("Where is my parcel?");

        await _slack.DeliverAllAsync(maxSeconds: 60);

        Assert.Equal(1, Fake.CardsOf(postId));
        Assert.Single(Fake.Of("conversations.history"));
        Assert.Equal([true, false], Fake.Of("chat.postMessage").Select(c => c.Failed));
    }

    [Fact]
    public async Task An_outage_is_retried_by_the_outbox_until_slack_answers()
    {
        Fake.Fail("chat.postMessage", times: 3);
        await _slack.Host.ReceiveAsync("Where is my parcel?");

        await _slack.DeliverAllAsync(maxSeconds: 300);

        Assert.Equal([true, true, true, false], Fake.Of("chat.postMessage").Select(c => c.Failed));
        Assert.Equal(new OutboxDepth(0, 0), await _slack.Host.Service<IOutbox>().DepthAsync());
    }

    [Theory]
    [InlineData("channel_not_found")]
    [InlineData("is_archived")]
    [InlineData("not_in_channel")]
    public async Task A_channel_slack_will_never_take_is_kept_for_an_operator_not_retried(string error)
    {
        Fake.Error("chat.postMessage", error);
        await _slack.Host.ReceiveAsync("Where is my parcel?");

        await _slack.DeliverAllAsync();

        Assert.Single(Fake.Of("chat.postMessage"));
        Assert.Equal(new OutboxDepth(0, 1), await _slack.Host.Service<IOutbox>().DepthAsync());
    }

    [Fact]
    public async Task A_burst_of_posts_never_goes_faster_than_slacks_pace_for_one_channel()
    {
        for (var i = 0; i < 10; i++)
        {
            await _slack.Host.ReceiveAsync($"Where is my parcel number {i}?", externalId: $"burst-{i}");
        }

        var perSecond = new List<int>();
        for (var second = 0; second < 30 && Fake.Of("chat.postMessage").Count() < 10; second++)
        {
            var before = Fake.Of("chat.postMessage").Count();
            await _slack.Host.DeliverAsync();
            perSecond.Add(Fake.Of("chat.postMessage").Count() - before);
            _slack.Host.Time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(10, Fake.Of("chat.postMessage").Count());
        // One a second after a burst of three: over any run of seconds, at most 3 + (seconds - 1) posts.
        for (var from = 0; from < perSecond.Count; from++)
        {
            for (var to = from; to < perSecond.Count; to++)
            {
                var posts = perSecond.Skip(from).Take(to - from + 1).Sum();
                Assert.True(posts <= 3 + (to - from), $"Posts per second: {string.Join(", ", perSecond)}");
            }
        }
    }

    [Fact]
    public async Task A_card_is_posted_once_and_every_later_change_updates_it()
    {
        var postId = await _slack.Host.ReceiveAsync("Where is my parcel?");
        await _slack.Host.ActAsync(postId, PostTrigger.Claim, "alice");
        await _slack.Host.ActAsync(postId, PostTrigger.Release, "alice");
        await _slack.Host.ActAsync(postId, PostTrigger.Claim, "bob");

        await _slack.DeliverAllAsync();

        Assert.Single(Fake.Of("chat.postMessage"), c => c.Arg("thread_ts") == "");
        Assert.Equal(3, Fake.Of("chat.update").Count());
        Assert.Equal(
            ["Alice Martin claimed this · under a minute after it arrived", "Alice Martin released this", "Bob Okafor claimed this · under a minute after it arrived"],
            Fake.Of("chat.postMessage").Where(c => c.Arg("thread_ts") != "").Select(c => c.Arg("text")));
        Assert.Contains("Bob Okafor", (await _slack.LastCardAsync(postId)).VisibleText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missed_sla_mentions_the_next_tier_in_the_cards_thread()
    {
        var postId = await _slack.Host.ReceiveAsync("Where is my parcel?");
        await _slack.DeliverAllAsync();

        await _slack.Host.AdvanceAsync(TimeSpan.FromMinutes(16));
        await _slack.DeliverAllAsync();

        Assert.Contains(Fake.Of("chat.postMessage"), c => c.Arg("text") == "<@U0CAROL> Escalated to lead: not claimed within 15 min at frontline. Please claim it.");
        Assert.Contains("Escalated", (await _slack.LastCardAsync(postId)).VisibleText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tier_whose_role_has_a_user_group_is_mentioned_as_the_group()
    {
        await using var grouped = await SlackHost.StartAsync(new Dictionary<string, string?> { ["Slack:UserGroups:lead"] = "S0LEADS" });
        grouped.Slack.Groups["S0LEADS"] = ["U0CAROL", "U0NEWLEAD"];
        await grouped.Host.ReceiveAsync("Where is my parcel?");
        await grouped.DeliverAllAsync();

        await grouped.Host.AdvanceAsync(TimeSpan.FromMinutes(16));
        await grouped.DeliverAllAsync();

        Assert.Contains(grouped.Slack.Of("chat.postMessage"), c => c.Arg("text").StartsWith("<!subteam^S0LEADS> Escalated to lead", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_sensitive_post_with_no_approvers_channel_asks_the_approvers_in_a_group_dm()
    {
        await using var noLegalChannel = await SlackHost.StartAsync(new Dictionary<string, string?> { ["Accountability:Sensitivities:0:Channels:slack"] = "" });
        var postId = await noLegalChannel.Host.ReceiveAsync("My lawyer will hear about this.");
        await noLegalChannel.Host.ActAsync(postId, PostTrigger.Claim, "alice");
        await noLegalChannel.Host.ActAsync(postId, PostTrigger.SubmitDraft, "alice", new DraftInput(TestPosts.GoodReply));

        await noLegalChannel.DeliverAllAsync();

        Assert.Equal("U0LENA,U0LOU", Assert.Single(noLegalChannel.Slack.Of("conversations.open")).Arg("users"));
        Assert.Contains(noLegalChannel.Slack.Of("chat.postMessage"), c => c.Arg("channel") == "GU0LENAU0LOU" && SlackLifecycleTests.Buttons(c).SequenceEqual(["Approve", "RequestChanges"]));
    }
}
