using System.Net;
using ChatOpsReply.Cards;
using ChatOpsReply.Delivery;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Tests.Slack;

/// <summary>
/// A burst into one channel: posts whose cards would wait too long for the channel's turn are
/// listed on a digest instead, each line claimable, redrawn in batches, and cards go alone again
/// once the burst has passed.
/// </summary>
public sealed class SlackDigestTests : IAsyncLifetime
{
    private SlackHost _slack = null!;

    private FakeSlack Fake => _slack.Slack;

    public async Task InitializeAsync() => _slack = await StartAsync();

    public async Task DisposeAsync() => await _slack.DisposeAsync();

    private static Task<SlackHost> StartAsync(IDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?> { ["Console:PublicUrl"] = SlackDigestView.ConsoleUrl, ["Slack:DigestAfter"] = "00:00:05" };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return SlackHost.StartAsync(settings);
    }

    private static async Task<List<string>> ReceiveAsync(SlackHost slack, int count, string prefix = "burst")
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(await slack.Host.ReceiveAsync($"Where is my parcel number {i}?\nIt is late.", externalId: $"{prefix}-{i}"));
        }

        return ids;
    }

    [Fact]
    public async Task Cards_that_would_wait_too_long_for_the_channel_go_on_one_digest_listing_each_post_once()
    {
        var ids = await ReceiveAsync(_slack, 30);

        await _slack.DeliverAllAsync();

        // Three at once, then five more within the 5 s DigestAfter allows; the other 22 on the digest.
        var cards = SlackDigestView.Cards(Fake);
        var digest = Assert.Single(SlackDigestView.Digests(Fake));
        var lines = SlackDigestView.Lines(digest);
        Assert.Equal(ids[..8], cards);
        Assert.Equal(ids[8..], lines);
        Assert.Equal(lines, SlackDigestView.Claimable(digest));
        Assert.Contains("Busy moment in Support: 22 posts in this digest.", SlackDigestView.Text(digest), StringComparison.Ordinal);
        Assert.StartsWith("• *Ana Lopez (@ana)* · X · Where is my parcel number 8? It is late. · <https://replies.example.com/console/posts/", SlackDigestView.LineOf(digest, ids[8]), StringComparison.Ordinal);
        Assert.Empty(BlockKitLimits.CheckMessage(SlackDigestView.Body(digest)));
        Assert.Equal(new OutboxDepth(0, 0), await _slack.Host.Service<IOutbox>().DepthAsync());
    }

    [Fact]
    public async Task Choosing_a_post_in_the_digests_claim_menu_claims_it_gives_it_its_own_card_and_marks_its_line()
    {
        var ids = await ReceiveAsync(_slack, 30);
        await _slack.DeliverAllAsync();
        var chosen = ids[12];

        using (var response = await _slack.ChooseInDigestAsync(chosen, "U0ALICE"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await _slack.DeliverAllAsync();

        var post = await _slack.Host.PostAsync(chosen);
        Assert.Equal((PostState.Claimed, "alice"), (post.State, post.Owner));
        Assert.Equal(1, Fake.CardsOf(chosen));
        var digest = Assert.Single(SlackDigestView.Digests(Fake));
        Assert.Equal(ids[8..], SlackDigestView.Lines(digest));
        Assert.EndsWith("· _claimed by Alice Martin_", SlackDigestView.LineOf(digest, chosen), StringComparison.Ordinal);
        Assert.Equal(ids[8..].Where(id => id != chosen), SlackDigestView.Claimable(digest));
        var card = Fake.Messages.Single(m => (string?)m["metadata"]?["event_payload"]?["post_id"] == chosen && (string?)m["metadata"]?["event_payload"]?["key"] == "slack:card");
        Assert.Contains(Fake.Of("chat.postMessage"), c => c.Arg("thread_ts") == (string)card["ts"]! && c.Arg("text").StartsWith("Alice Martin claimed this", StringComparison.Ordinal));
        Assert.Equal(new OutboxDepth(0, 0), await _slack.Host.Service<IOutbox>().DepthAsync());
    }

    [Fact]
    public async Task A_claim_from_the_digest_the_workflow_refuses_is_explained_to_that_person_alone()
    {
        var ids = await ReceiveAsync(_slack, 30);
        await _slack.DeliverAllAsync();

        using (await _slack.ChooseInDigestAsync(ids[20], "U0OLGA"))
        {
        }

        var refusal = await Fake.WaitForAsync("chat.postEphemeral");
        Assert.Equal("U0OLGA", refusal.Arg("user"));
        Assert.Contains("Only people in the frontline, lead, manager or crisis tiers of Support can claim this post.", refusal.Arg("text"), StringComparison.Ordinal);
        Assert.Equal(PostState.Open, (await _slack.Host.PostAsync(ids[20])).State);
        await _slack.DeliverAllAsync();
        Assert.Equal(0, Fake.CardsOf(ids[20]));
        Assert.Contains(ids[20], SlackDigestView.Claimable(Assert.Single(SlackDigestView.Digests(Fake))));
    }

    [Fact]
    public async Task Claims_during_the_burst_are_drawn_together_never_more_than_once_per_update_interval()
    {
        var ids = await ReceiveAsync(_slack, 30);
        await _slack.DeliverAllAsync();
        var digestTs = (string)Assert.Single(SlackDigestView.Digests(Fake))["ts"]!;
        int Updates() => Fake.Of("chat.update").Count(c => c.Arg("ts") == digestTs);
        var updates = new List<DateTimeOffset>();

        // Someone claims a post from the console every second for twelve seconds; then their cards drain.
        for (var second = 0; second < 60; second++)
        {
            if (second < 12)
            {
                await _slack.Host.ActAsync(ids[8 + second], PostTrigger.Claim, second % 2 == 0 ? "alice" : "bob");
            }

            var before = Updates();
            await _slack.Host.DeliverAsync();
            updates.AddRange(Enumerable.Repeat(_slack.Host.Time.GetUtcNow(), Updates() - before));
            _slack.Host.Time.Advance(TimeSpan.FromSeconds(1));
        }

        // Twelve claims, redrawn in fewer updates, at least 3 s apart (each claim shows when its own card is posted, one a second).
        Assert.InRange(updates.Count, 1, 11);
        Assert.All(updates.Zip(updates.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromSeconds(3), $"Updates at {string.Join(", ", updates)}"));
        var digest = Assert.Single(SlackDigestView.Digests(Fake));
        Assert.Equal(ids[20..], SlackDigestView.Claimable(digest));
        Assert.All(ids[8..20], id => Assert.Contains("_claimed by ", SlackDigestView.LineOf(digest, id), StringComparison.Ordinal));
        Assert.All(ids[8..20], id => Assert.Equal(1, Fake.CardsOf(id)));
    }

    [Fact]
    public async Task A_post_dismissed_from_the_console_stays_a_line_marked_dismissed_and_leaves_the_claim_menu_without_a_card()
    {
        var ids = await ReceiveAsync(_slack, 30);
        await _slack.DeliverAllAsync();

        Assert.Equal(CommandOutcome.Applied, (await _slack.Host.ActAsync(ids[15], PostTrigger.Dismiss, "alice", new CommentInput { Comment = "Spam" })).Outcome);
        await _slack.DeliverAllAsync();

        var digest = Assert.Single(SlackDigestView.Digests(Fake));
        Assert.EndsWith("· _dismissed_", SlackDigestView.LineOf(digest, ids[15]), StringComparison.Ordinal);
        Assert.DoesNotContain(ids[15], SlackDigestView.Claimable(digest));
        Assert.Equal(0, Fake.CardsOf(ids[15]));
        Assert.Equal(new OutboxDepth(0, 0), await _slack.Host.Service<IOutbox>().DepthAsync());
    }

    [Fact]
    public async Task Once_the_burst_has_passed_a_new_post_gets_its_own_card_again()
    {
        await ReceiveAsync(_slack, 30);
        await _slack.DeliverAllAsync();

        _slack.Host.Time.Advance(TimeSpan.FromMinutes(1));
        var later = await _slack.Host.ReceiveAsync("And now my refund?", externalId: "after-the-burst");
        await _slack.DeliverAllAsync();

        Assert.Equal(1, Fake.CardsOf(later));
        Assert.DoesNotContain(later, SlackDigestView.Digests(Fake).SelectMany(SlackDigestView.Lines));
    }

    [Fact]
    public async Task A_mention_about_a_post_that_has_only_a_digest_line_goes_in_the_digests_thread_naming_the_customer()
    {
        var ids = await ReceiveAsync(_slack, 30);
        await _slack.DeliverAllAsync();
        var digestTs = (string)Assert.Single(SlackDigestView.Digests(Fake))["ts"]!;

        await _slack.Host.AdvanceAsync(TimeSpan.FromMinutes(16));
        await _slack.DeliverAllAsync(maxSeconds: 300);

        var inDigestThread = Fake.Of("chat.postMessage").Where(c => c.Arg("thread_ts") == digestTs && !c.Failed).ToList();
        Assert.Equal(22, inDigestThread.Count(c => c.Arg("text") == "*Ana Lopez (@ana)*: <@U0CAROL> Escalated to lead: not claimed within 15 min at frontline. Please claim it."));
        Assert.Equal(PostState.Escalated, (await _slack.Host.PostAsync(ids[29])).State);
        Assert.Equal(new OutboxDepth(0, 0), await _slack.Host.Service<IOutbox>().DepthAsync());
    }

    [Theory]
    [InlineData("Slack:DigestSize", "301", "Slack:DigestSize must be between 1 and 300 (three Claim menus of 100 posts).")]
    [InlineData("Slack:DigestSize", "0", "Slack:DigestSize must be between 1 and 300 (three Claim menus of 100 posts).")]
    [InlineData("Slack:DigestUpdateInterval", "00:00:00", "Slack:DigestAfter must not be negative and Slack:DigestUpdateInterval must be positive.")]
    [InlineData("Slack:DigestAfter", "-00:00:01", "Slack:DigestAfter must not be negative and Slack:DigestUpdateInterval must be positive.")]
    public void A_digest_setting_out_of_range_stops_the_service_and_names_the_key(string key, string value, string message)
    {
        using var host = new ServiceHost(new Dictionary<string, string?> { ["Slack:BotToken"] = SlackHost.BotToken, ["Slack:SigningSecret"] = SlackHost.SigningSecret, [key] = value });

        var refused = Assert.Throws<OptionsValidationException>(() => host.Services);

        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
        host.DeleteFolder();
    }

    [Fact]
    public async Task A_digest_whose_answer_was_lost_is_found_in_its_channel_and_updated_never_posted_twice()
    {
        await using var eager = await StartAsync(new Dictionary<string, string?> { ["Slack:DigestAfter"] = "00:00:00", ["Slack:ChannelBurst"] = "1" });
        var first = await eager.Host.ReceiveAsync("Where is my parcel?", externalId: "first");
        await eager.DeliverAllAsync();
        eager.Slack.LoseAnswers("chat.postMessage");

        var ids = await ReceiveAsync(eager, 5);
        await eager.DeliverAllAsync();

        Assert.Equal([first], SlackDigestView.Cards(eager.Slack));
        var digest = Assert.Single(SlackDigestView.Digests(eager.Slack));
        Assert.Equal(ids, SlackDigestView.Lines(digest));
        Assert.Single(eager.Slack.Of("conversations.history"));
    }
}
