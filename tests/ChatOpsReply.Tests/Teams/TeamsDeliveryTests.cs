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
