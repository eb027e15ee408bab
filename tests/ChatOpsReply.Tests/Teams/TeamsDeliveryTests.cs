using ChatOpsReply.Delivery;
using ChatOpsReply.Teams;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Teams;

/// <summary>How cards reach Teams when Teams pushes back: rate limits, outages, a removed bot, unknown channels.</summary>
public sealed class TeamsDeliveryTests : TeamsTestBase
{
    private IOutbox Outbox => Host.Service<IOutbox>();

    [Fact]
    public async Task A_429_is_retried_after_the_Retry_After_Teams_sent()
    {
        Fake.Fail(1, 429, "TooManyRequests", retryAfter: TimeSpan.FromSeconds(40));
        await Host.ReceiveAsync("Where is my order?");

        await Host.DeliverAsync();
        Host.Time.Advance(TimeSpan.FromSeconds(39));
        await Host.DeliverAsync();
        Assert.Single(Fake.Of("create"));

        Host.Time.Advance(TimeSpan.FromSeconds(1));
        await Host.DeliverAsync();
        Assert.Equal(2, Fake.Of("create").Count());
        Assert.Equal(new OutboxDepth(0, 0), await Outbox.DepthAsync());
    }

    [Theory]
    [InlineData(412)]
    [InlineData(502)]
    [InlineData(504)]
    [InlineData(500)]
    public async Task A_passing_failure_is_retried_with_backoff(int status)
    {
        Fake.Fail(1, status);
        await Host.ReceiveAsync("Where is my order?");

        await Host.DeliverAsync();
        Assert.Equal(1, (await Outbox.DepthAsync()).Pending);
        Host.Time.Advance(TimeSpan.FromSeconds(3));
        await Host.DeliverAsync();

        Assert.Equal(2, Fake.Of("create").Count());
        Assert.Equal(new OutboxDepth(0, 0), await Outbox.DepthAsync());
    }

    [Fact]
    public async Task A_bot_removed_from_the_team_is_a_failure_kept_for_an_operator_not_retried()
    {
        Fake.Fail(1, 403, "MessageWritesBlocked");
        await Host.ReceiveAsync("Where is my order?");

        await Host.DeliverAsync();
        Host.Time.Advance(TimeSpan.FromMinutes(10));
        await Host.DeliverAsync();

        Assert.Single(Fake.Of("create"));
        Assert.Equal(new OutboxDepth(0, 1), await Outbox.DepthAsync());
    }

    [Fact]
    public async Task A_card_whose_answer_was_lost_is_posted_again_and_the_copy_is_removed_when_it_shows_itself()
    {
        Fake.LoseAnswers("create");
        var postId = await Host.ReceiveAsync("Where is my order?");

        await DeliverAsync();
        var posted = Fake.LiveCardsOf(postId);
        Assert.Equal(2, posted.Count);
        var kept = TeamsMessageReference.Parse(await Host.Service<ICardReferences>().GetAsync(postId, TeamsSurface.CardKey))!;
        var copy = Assert.Single(posted, id => id != kept.ActivityId);

        var fromCopy = await RefreshFromAsync(postId, copy);
        var fromKept = await RefreshFromAsync(postId, kept.ActivityId);

        Assert.Equal(TeamsCardCopies.Removed, (string?)fromCopy["value"]);
        Assert.Equal([kept.ActivityId], Fake.LiveCardsOf(postId));
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)fromKept["type"]);
    }

    [Fact]
    public async Task A_card_Teams_refuses_as_too_large_is_sent_again_cut_shorter()
    {
        Fake.Fail(1, 413, "MessageSizeTooBig");
        var postId = await Host.ReceiveAsync("Where is my order? " + string.Concat(Enumerable.Repeat("It was meant to come last week and nobody can tell me where it is. ", 500)));

        await DeliverAsync();

        var creates = Fake.Of("create").ToList();
        Assert.Equal(2, creates.Count);
        Assert.True(Size(creates[1]) <= TeamsSurface.MaxActivityBytes / 2, $"The second try took {Size(creates[1])} bytes.");
        Assert.Equal([(string)creates[1].Answer!["activityId"]!], Fake.LiveCardsOf(postId));
    }

    [Fact]
    public async Task The_whole_activity_of_a_long_post_stays_within_28_KB_not_just_its_card()
    {
        await Host.ReceiveAsync(string.Concat(Enumerable.Repeat("My parcel never came and I want my money back now. ", 780)));

        await DeliverAsync();

        var create = Assert.Single(Fake.Of("create"));
        Assert.InRange(Size(create), TeamsSurface.MaxActivityBytes - 2048, TeamsSurface.MaxActivityBytes);
    }

    private static int Size(ConnectorCall create) => System.Text.Encoding.UTF8.GetByteCount(ChatOpsReply.Cards.AdaptiveCardRenderer.Serialize(create.Body!["activity"]!));

    /// <summary>A card's automatic refresh as Teams sends it when someone looks at the message <paramref name="messageId"/>.</summary>
    private async Task<System.Text.Json.Nodes.JsonObject> RefreshFromAsync(string postId, string messageId)
    {
        using var response = await Teams.SendAsync(
            "invoke-action-execute",
            "alice",
            new Dictionary<string, string> { ["verb"] = ChatOpsReply.Cards.AdaptiveCardRenderer.RefreshVerb, ["trigger"] = "automatic", ["cardActivityId"] = messageId },
            new System.Text.Json.Nodes.JsonObject { ["postId"] = postId, ["action"] = ChatOpsReply.Cards.AdaptiveCardRenderer.RefreshVerb });
        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}");
        return System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    [Fact]
    public async Task More_than_seven_cards_a_second_in_one_channel_wait_their_turn_instead_of_being_throttled()
    {
        for (var i = 0; i < 9; i++)
        {
            await Host.ReceiveAsync($"Where is my order number {i}?");
        }

        await Host.DeliverAsync();
        Assert.Equal(7, Fake.Of("create").Count());
        Assert.Equal(new OutboxDepth(2, 0), await Outbox.DepthAsync());

        Host.Time.Advance(TimeSpan.FromSeconds(3));
        await Host.DeliverAsync();
        Assert.Equal(9, Fake.Of("create").Count());
        Assert.Equal(new OutboxDepth(0, 0), await Outbox.DepthAsync());
    }

    [Fact]
    public async Task The_bot_token_comes_from_client_credentials_and_is_reused_until_it_expires()
    {
        for (var i = 0; i < 3; i++)
        {
            await Host.ReceiveAsync($"Where is my order number {i}?");
        }

        await Host.DeliverAsync();

        var request = Assert.Single(Fake.TokenRequests);
        Assert.Equal("client_credentials", request["grant_type"]);
        Assert.Equal(BotFrameworkTokenSource.Scope, request["scope"]);
        Assert.Equal((FakeBotFramework.AppId, FakeBotFramework.AppPassword), (request["client_id"], request["client_secret"]));
        Assert.Equal(3, Fake.Of("create").Count());
        Assert.All(Fake.Calls, c => Assert.Equal("Bearer bot-token-1", c.Authorization));
    }

    [Fact]
    public async Task A_queue_whose_channel_the_bot_was_never_added_to_keeps_its_cards_for_an_operator()
    {
        // Office mail's channel (19:office@thread.tacv2) is not in the team the bot was added to.
        await Host.ReceiveAsync("Please call me back", source: "email");

        await Host.DeliverAsync();

        Assert.Empty(Fake.Of("create"));
        Assert.Equal(new OutboxDepth(0, 1), await Outbox.DepthAsync());
    }
}

/// <summary>With Teams:ServiceUrl set, cards reach channels the bot has not heard from.</summary>
public sealed class TeamsServiceUrlTests
{
    [Fact]
    public async Task A_configured_service_url_reaches_a_channel_the_bot_has_not_heard_from()
    {
        await using var fake = await FakeBotFramework.StartAsync();
        using var host = new ServiceHost(new Dictionary<string, string?>(fake.Settings) { ["Teams:ServiceUrl"] = fake.ServiceUrl, ["Teams:DefaultChannelId"] = "19:default@thread.tacv2" }, fake.TrustCertificate);
        var postId = await host.ReceiveAsync("Please call me back", source: "email");

        await host.DeliverAsync();

        Assert.Equal("19:office@thread.tacv2", Assert.Single(fake.Of("create")).Channel);
        Assert.NotNull(await host.Service<ICardReferences>().GetAsync(postId, TeamsSurface.CardKey));
        host.DeleteFolder();
    }
}
