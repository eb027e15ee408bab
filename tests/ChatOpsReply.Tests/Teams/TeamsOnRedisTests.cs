using ChatOpsReply.Library.Model;
using ChatOpsReply.Library.Search;
using ChatOpsReply.Posts;
using ChatOpsReply.Teams;
using ChatOpsReply.Tests.Library;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Teams;

/// <summary>
/// One Teams bot served by two instances on one Redis: the Bot Framework sends each activity to
/// whichever instance the load balancer picks, and what one learned the other knows.
/// </summary>
public sealed class TeamsOnRedisTests : IAsyncLifetime
{
    private FakeBotFramework _fake = null!;
    private ServiceHost _a = null!;
    private ServiceHost _b = null!;
    private BotFrameworkSender _teamsToA = null!;
    private BotFrameworkSender _teamsToB = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeBotFramework.StartAsync();
        foreach (var person in TestConfig.Policy().People.All)
        {
            _fake.TeamMembers.Add((BotFrameworkSender.TeamsUserId(person.Id), person.Name, person.TeamsUserId!));
        }

        var settings = new Dictionary<string, string?>(_fake.Settings);
        foreach (var (key, value) in RedisSettings.Fresh(RedisServer.Shared))
        {
            settings[key] = value;
        }

        settings["Console:PublicUrl"] = "https://replies.example.com/";
        _a = ServiceHost.StartOnKestrel(settings, _fake.TrustCertificate);
        _b = ServiceHost.StartOnKestrel(settings, _fake.TrustCertificate);
        _teamsToA = new BotFrameworkSender(_a, _fake);
        _teamsToB = new BotFrameworkSender(_b, _fake);
    }

    public async Task DisposeAsync()
    {
        _teamsToA.Dispose();
        _teamsToB.Dispose();
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        _a.DeleteFolder();
        _b.DeleteFolder();
        await _fake.DisposeAsync();
    }

    [Fact]
    public async Task Channels_learned_by_one_instance_carry_cards_posted_by_the_other_and_a_click_on_either_updates_the_card_in_place()
    {
        // The bot is added to the team through instance A; instance B posts the card.
        using (var installed = await _teamsToA.SendAsync("conversation-update-bot-added", "ada"))
        {
            Assert.True(installed.IsSuccessStatusCode, await installed.Content.ReadAsStringAsync());
        }

        var postId = await _b.ReceiveAsync("Where is my parcel?");
        await _b.DeliverAsync();
        var created = Assert.Single(_fake.Of("create"));
        Assert.Equal("19:support@thread.tacv2", created.Channel);
        Assert.Contains(BotFrameworkSender.TeamsUserId("alice"), created.Card!["refresh"]!["userIds"]!.AsArray().Select(u => (string?)u));

        // Alice's click reaches instance A, which answers with her card; A's outbox updates B's card.
        var answer = await _teamsToA.InvokeAsync(postId, "Claim", "alice");
        await _a.DeliverAsync();
        await _b.DeliverAsync();

        Assert.Equal(200, (int)answer["statusCode"]!);
        Assert.Equal((PostState.Claimed, "alice"), ((await _b.PostAsync(postId)).State, (await _b.PostAsync(postId)).Owner));
        var update = Assert.Single(_fake.Of("update"));
        Assert.Equal((string?)created.Body!["channelData"]!["channel"]!["id"] + ";messageid=" + update.ActivityId, update.ConversationId);
        Assert.Single(_fake.Of("create"));
    }

    [Fact]
    public async Task An_answer_approved_on_one_instance_is_offered_by_the_others_messaging_extension()
    {
        await _a.ApprovedAnswerAsync(new AnswerDocument { Id = "parcel-lost", Title = "Lost parcel", Body = "Hi {customer.name}, the carrier lost your parcel. We send a new one today. {agent.name}" });

        // Instance B notices the change at its next index refresh.
        await _b.Service<AnswerLibrary>().RefreshAsync();

        Assert.Equal(["parcel-lost"], await _teamsToB.AnswerIdsAsync("lost parcl"));
    }

    [Fact]
    public async Task An_activity_redelivered_to_the_other_instance_is_answered_once()
    {
        var activity = _teamsToA.Activity("channel-message", "alice", new Dictionary<string, string> { ["text"] = "help" });

        using (await _teamsToA.PostAsync(activity))
        using (await _teamsToB.PostAsync(activity))
        {
        }

        Assert.Single(_fake.Of("reply"));
        Assert.Single(await _a.Service<ITeamsDirectoryStore>().FindUsersAsync([TestConfig.Person("alice").TeamsUserId!]));
    }
}
