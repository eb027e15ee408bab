using System.Net;
using ChatOpsReply.Posts;
using ChatOpsReply.Teams;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Teams;

/// <summary>People hear in their 1:1 chat with the bot about what waits on them, proactively, at the chat's stored reference.</summary>
public sealed class TeamsDirectMessageTests : TeamsTestBase
{
    [Fact]
    public async Task A_post_handed_to_someone_who_chatted_with_the_bot_reaches_them_in_that_chat()
    {
        using (var response = await Teams.SendAsync("personal-message", "alice", new Dictionary<string, string> { ["text"] = "help" }))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var chat = await Host.Service<ITeamsDirectoryStore>().FindPersonalChatAsync(TestConfig.Person("alice").TeamsUserId!);
        Assert.Equal(("a:1personal-" + BotFrameworkSender.TeamsUserId("alice"), Fake.ServiceUrl), (chat?.ConversationId, chat?.ServiceUrl));
        var postId = await Host.ReceiveAsync("Where is my parcel?");
        await DeliverAsync();
        Fake.Calls.Clear();

        await Host.ActAsync(postId, PostTrigger.Reassign, "carol", new HandOverInput("alice") { Comment = "you know Ana" });
        await DeliverAsync();

        var sent = Assert.Single(Fake.Of("send"), c => c.ConversationId == chat!.ConversationId);
        Assert.StartsWith("Carol Nguyen handed you a post: you know Ana.", sent.Text, StringComparison.Ordinal);
        Assert.Contains("Where is my parcel?", sent.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_who_never_chatted_with_the_bot_gets_the_mention_under_the_card_and_nothing_fails()
    {
        var postId = await Host.ReceiveAsync("Where is my parcel?");
        await DeliverAsync();
        Fake.Calls.Clear();

        await Host.ActAsync(postId, PostTrigger.Reassign, "carol", new HandOverInput("bob"));
        await DeliverAsync();

        Assert.DoesNotContain(Fake.Of("send"), c => c.ConversationId?.StartsWith("a:", StringComparison.Ordinal) == true);
        Assert.Contains(Fake.Of("send"), c => c.Text?.Contains("Carol Nguyen handed this post to you.", StringComparison.Ordinal) == true);
        Assert.Equal(0, (await Host.Service<ChatOpsReply.Delivery.IOutbox>().DepthAsync()).Failed);
    }
}
