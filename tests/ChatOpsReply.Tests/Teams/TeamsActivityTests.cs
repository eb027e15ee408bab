using System.Net;
using System.Text.Json.Nodes;
using ChatOpsReply.Posts;
using ChatOpsReply.Teams;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Teams;

/// <summary>Activities in the shapes Teams sends (hand-written fixtures) through /api/messages: commands, installs, the messaging extension.</summary>
public sealed class TeamsActivityTests : TeamsTestBase
{
    protected override bool Installed => false;

    private async Task<string> AskAsync(string text, string? personId = "alice", string channel = "19:support@thread.tacv2")
    {
        var before = Fake.Of("reply").Count();
        using var response = await Teams.SendAsync("channel-message", personId, new Dictionary<string, string> { ["text"] = text, ["channelId"] = channel });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Fake.Of("reply").Skip(before).Single();
        Assert.StartsWith(channel + ";messageid=", reply.ConversationId, StringComparison.Ordinal);
        return reply.Text!;
    }

    [Fact]
    public async Task Adding_the_bot_to_a_team_records_its_channels_and_who_its_members_are()
    {
        using var response = await Teams.SendAsync("conversation-update-bot-added", "ada");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var channels = await Host.Service<ITeamsDirectoryStore>().ChannelsAsync();
        Assert.Equal(
            [("19:team@thread.tacv2", "General"), ("19:legal@thread.tacv2", "Legal review"), ("19:support@thread.tacv2", "Support")],
            channels.OrderBy(c => c.ChannelName == "General" ? "" : c.ChannelName, StringComparer.Ordinal).Select(c => (c.ChannelId, c.ChannelName)));
        Assert.All(channels, c => Assert.Equal((FakeBotFramework.TeamId, "Customer care", Fake.ServiceUrl, FakeBotFramework.TenantId), (c.TeamId, c.TeamName, c.ServiceUrl, c.TenantId)));
        var users = await Host.Service<ITeamsDirectoryStore>().FindUsersAsync([TestConfig.Person("lena").TeamsUserId!]);
        Assert.Equal(BotFrameworkSender.TeamsUserId("lena"), Assert.Single(users).Value);
        Assert.All(Fake.Calls, c => Assert.Equal("Bearer bot-token-1", c.Authorization));
    }

    [Fact]
    public async Task A_channel_created_later_is_recorded_so_a_queue_can_name_it()
    {
        using var response = await Teams.SendAsync("conversation-update-channel-created", "ada", new Dictionary<string, string> { ["channelId"] = "19:vip@thread.tacv2", ["text"] = "VIP customers" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var channel = await Host.Service<ITeamsDirectoryStore>().FindChannelAsync("19:vip@thread.tacv2");
        Assert.Equal(("VIP customers", "Customer care", Fake.ServiceUrl), (channel?.ChannelName, channel?.TeamName, channel?.ServiceUrl));
    }

    [Fact]
    public async Task An_activity_delivered_twice_is_applied_once()
    {
        var activity = Teams.Activity("channel-message", "alice", new Dictionary<string, string> { ["text"] = "help" });

        using var first = await Teams.PostAsync(activity);
        using var again = await Teams.PostAsync(activity);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        Assert.Single(Fake.Of("reply"));
    }

    [Fact]
    public async Task A_file_sent_to_the_bot_gets_one_line_not_the_whole_help()
    {
        // Teams: a file in a chat arrives as an attachment of type file.download.info and no text, msteams-docs bots/how-to/bots-filesv4.
        var upload = JsonNode.Parse(Teams.Activity("channel-message", "alice"))!.AsObject();
        upload.Remove("text");
        upload["attachments"] = new JsonArray(new JsonObject
        {
            ["contentType"] = "application/vnd.microsoft.teams.file.download.info",
            ["name"] = "invoice.pdf",
            ["content"] = new JsonObject { ["downloadUrl"] = "https://contoso.sharepoint.com/invoice.pdf", ["fileType"] = "pdf" },
        });

        using var response = await Teams.PostAsync(upload.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TeamsCommands.NothingTyped, Assert.Single(Fake.Of("reply")).Text);
    }

    [Fact]
    public async Task A_message_carrying_another_apps_card_data_gets_no_answer()
    {
        using var response = await Teams.SendAsync("message-action-submit", "alice", data: new JsonObject { ["ticket"] = "T-42", ["choice"] = "yes" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(Fake.Of("reply"));
    }

    [Fact]
    public async Task Help_lists_the_commands_and_promises_nothing_that_does_not_exist()
    {
        var help = await AskAsync("help");

        Assert.Contains("**mine**", help, StringComparison.Ordinal);
        Assert.Contains("**queue**", help, StringComparison.Ordinal);
        Assert.DoesNotContain("librar", help, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("canned", help, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("I don't know \"dance\".", await AskAsync("dance"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mine_lists_what_waits_for_the_person()
    {
        var claimed = await Host.ReceiveAsync("My order never came.");
        await Host.ActAsync(claimed, PostTrigger.Claim, "alice");
        await Host.ReceiveAsync("Someone else's problem.");

        var mine = await AskAsync("mine");

        Assert.StartsWith("1 post is waiting for you:", mine, StringComparison.Ordinal);
        Assert.Contains("My order never came", mine, StringComparison.Ordinal);
        Assert.Contains($"[open](https://replies.example.com/console/posts/{claimed})", mine, StringComparison.Ordinal);
        Assert.Equal("Nothing is waiting for you.", await AskAsync("mine", "bob"));
    }

    [Fact]
    public async Task Queue_in_a_queue_channel_lists_that_queue_with_customer_text_escaped()
    {
        await Host.ReceiveAsync("I want a refund for invoice 12");
        await Host.ReceiveAsync("**Free** [prizes](https://evil.example) for <at>everyone</at>");

        var support = await AskAsync("queue");
        var billing = await AskAsync("queue billing");

        Assert.StartsWith("Support: 1 open.", support, StringComparison.Ordinal);
        Assert.Contains("\\*\\*Free\\*\\* \\[prizes\\]\\(https://evil.example\\) for \\<at\\>everyone\\</at\\>", support, StringComparison.Ordinal);
        Assert.StartsWith("Billing: 1 open.", billing, StringComparison.Ordinal);
        Assert.StartsWith("There is no queue called \"sales\".", await AskAsync("queue sales"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_unknown_is_told_how_to_be_added()
    {
        Assert.Equal(TeamsPeople.Unknown, await AskAsync("mine", personId: null));
    }

    [Fact]
    public async Task The_messaging_extension_query_over_an_empty_library_is_answered_with_a_readable_message()
    {
        using var response = await Teams.SendAsync("invoke-compose-extension-query", "alice", new Dictionary<string, string> { ["text"] = "refund" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(("message", "No approved answer for Support matches \"refund\". Try fewer or other words."), ((string?)body["composeExtension"]!["type"], (string?)body["composeExtension"]!["text"]));
    }
}
