using System.Net;
using ChatOpsReply.Posts;
using ChatOpsReply.Teams;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Teams;

/// <summary>
/// The bot in a group chat, through signed activities: an @mention command works as in a channel, the
/// sender is recognised, and customer posts are listed only when every member of the chat is a
/// configured person; an unknown sender or a stranger in the chat gets a sentence and no customer's words.
/// </summary>
public sealed class TeamsGroupChatTests : TeamsTestBase
{
    private const string Chat = "19:meeting_a1b2c3d4e5f6@thread.v2";

    [Fact]
    public async Task Mine_at_the_bot_in_a_group_chat_of_known_people_lists_what_waits_for_the_sender()
    {
        var claimed = await ClaimedPostAsync();

        var mine = await AskAsync("mine", "alice");

        Assert.StartsWith("1 post is waiting for you:", mine, StringComparison.Ordinal);
        Assert.Contains("My order never came", mine, StringComparison.Ordinal);
        Assert.Contains($"console/posts/{claimed}", mine, StringComparison.Ordinal);
        Assert.Equal("Nothing is waiting for you.", await AskAsync("mine", "bob"));
    }

    [Fact]
    public async Task A_group_chat_with_someone_chatopsreply_does_not_know_is_shown_no_customer_posts()
    {
        await ClaimedPostAsync();
        Fake.TeamMembers.Add(("29:1guest-teams", "Gus Guest", "99999999-0000-0000-0000-000000000042"));

        var mine = await AskAsync("mine", "alice");
        var queue = await AskAsync("queue support", "alice");

        Assert.Equal(TeamsGroupChats.StrangersPresent, mine);
        Assert.Equal(TeamsGroupChats.StrangersPresent, queue);
        Assert.StartsWith("Commands:", await AskAsync("help", "alice"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_chatopsreply_does_not_know_asking_in_a_group_chat_is_told_so_and_shown_nothing()
    {
        await ClaimedPostAsync();

        var answer = await AskAsync("queue", null);

        Assert.DoesNotContain("My order never came", answer, StringComparison.Ordinal);
        Assert.True(answer is TeamsPeople.Unknown or TeamsGroupChats.StrangersPresent, answer);
    }

    [Fact]
    public async Task A_group_chat_is_never_taken_for_the_senders_one_to_one_chat()
    {
        await AskAsync("help", "alice");

        Assert.Null(await Host.Service<ITeamsDirectoryStore>().FindPersonalChatAsync(TestConfig.Person("alice").TeamsUserId!));
    }

    private async Task<string> ClaimedPostAsync()
    {
        var claimed = await Host.ReceiveAsync("My order never came.");
        Assert.Equal(CommandOutcome.Applied, (await Host.ActAsync(claimed, PostTrigger.Claim, "alice")).Outcome);
        return claimed;
    }

    /// <summary>"@ChatOpsReply {text}" in the group chat, as the person; the bot's answer there.</summary>
    private async Task<string> AskAsync(string text, string? personId)
    {
        var before = Fake.Of("reply").Count();
        using var response = await Teams.SendAsync("group-chat-message", personId, new Dictionary<string, string> { ["text"] = text, ["chatId"] = Chat });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Fake.Of("reply").Skip(before).Single();
        Assert.Equal(Chat, reply.ConversationId);
        return reply.Text!;
    }
}
