using ChatOpsReply.Teams;
using ChatOpsReply.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsReply.Tests.Storage;

/// <summary>
/// What every store must do with what the bot learned from Teams, written once. Each
/// implementation runs it through a derived class that says how to configure a fresh store.
/// </summary>
public abstract class TeamsDirectoryContract : FreshStore
{
    private ITeamsDirectoryStore Directory => Store<ITeamsDirectoryStore>();

    private static TeamsChannel Channel(string id, string name, string team = "19:team@thread.tacv2", string teamName = "Customer care", string serviceUrl = "https://smba.trafficmanager.net/emea/") =>
        new(id, name, team, teamName, serviceUrl, "tenant-1", TestConfig.Stored(TestConfig.Start));

    [Fact]
    public async Task A_persons_1_to_1_chat_is_found_by_their_object_id_and_a_newer_one_replaces_it()
    {
        var at = TestConfig.Stored(TestConfig.Start);
        await Directory.RecordPersonalChatAsync("00000000-0000-0000-0000-00000000A11C", new TeamsPersonalChat("a:1old", "https://smba.example/emea/", at));
        await Directory.RecordPersonalChatAsync("00000000-0000-0000-0000-00000000a11c", new TeamsPersonalChat("a:1new", "https://smba.example/amer/", at.AddMinutes(1)));

        Assert.Equal(new TeamsPersonalChat("a:1new", "https://smba.example/amer/", at.AddMinutes(1)), await Directory.FindPersonalChatAsync("00000000-0000-0000-0000-00000000A11C"));
        Assert.Null(await Directory.FindPersonalChatAsync("00000000-0000-0000-0000-000000000bbb"));
    }

    [Fact]
    public async Task A_recorded_channel_is_found_by_its_id_with_its_service_url()
    {
        await Directory.RecordChannelAsync(Channel("19:billing@thread.tacv2", "Billing"));

        Assert.Equal(Channel("19:billing@thread.tacv2", "Billing"), await Directory.FindChannelAsync("19:billing@thread.tacv2"));
        Assert.Null(await Directory.FindChannelAsync("19:unknown@thread.tacv2"));
    }

    [Fact]
    public async Task Recording_a_channel_again_replaces_its_name_and_service_url()
    {
        await Directory.RecordChannelAsync(Channel("19:billing@thread.tacv2", "Billing"));
        var renamed = Channel("19:billing@thread.tacv2", "Billing EMEA", serviceUrl: "https://smba.trafficmanager.net/amer/") with { RecordedAt = TestConfig.Stored(TestConfig.Start.AddDays(1)) };

        await Directory.RecordChannelAsync(renamed);

        Assert.Equal(renamed, await Directory.FindChannelAsync("19:billing@thread.tacv2"));
        Assert.Single(await Directory.ChannelsAsync());
    }

    [Fact]
    public async Task Channels_are_listed_by_team_then_channel_name()
    {
        await Directory.RecordChannelAsync(Channel("19:c@thread.tacv2", "Support", "19:t2@thread.tacv2", "Sales"));
        await Directory.RecordChannelAsync(Channel("19:b@thread.tacv2", "General", "19:t1@thread.tacv2", "Customer care"));
        await Directory.RecordChannelAsync(Channel("19:a@thread.tacv2", "Billing", "19:t1@thread.tacv2", "Customer care"));

        Assert.Equal(["Billing", "General", "Support"], (await Directory.ChannelsAsync()).Select(c => c.ChannelName));
    }

    [Fact]
    public async Task A_teams_user_id_is_found_by_entra_object_id_whatever_its_case_and_the_latest_wins()
    {
        await Directory.RecordUserAsync("00000000-0000-0000-0000-00000000000A", "29:old", TestConfig.Start);
        await Directory.RecordUserAsync("00000000-0000-0000-0000-00000000000a", "29:alice", TestConfig.Start.AddMinutes(1));
        await Directory.RecordUserAsync("00000000-0000-0000-0000-00000000000b", "29:bob", TestConfig.Start);

        var found = await Directory.FindUsersAsync(["00000000-0000-0000-0000-00000000000A", "00000000-0000-0000-0000-00000000000c"]);

        Assert.Equal("29:alice", Assert.Single(found).Value);
        Assert.Equal("29:alice", found["00000000-0000-0000-0000-00000000000a"]);
        Assert.Empty(await Directory.FindUsersAsync([]));
    }
}
