using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Storage;

/// <summary>Lists on Redis read index sets by state, queue and owner; a query naming both an owner and a queue reads the owner's and filters.</summary>
public sealed class RedisPostListTests : IDisposable
{
    private readonly ServiceHost _host = new(RedisSettings.Fresh(RedisServer.Shared));

    [Fact]
    public async Task A_persons_posts_in_one_queue_come_newest_first_across_states()
    {
        var first = await ReceiveAsync("I want a refund.");
        var support = await ReceiveAsync("Where is my parcel?");
        var second = await ReceiveAsync("Refund me for the invoice.");
        var unclaimed = await ReceiveAsync("Another refund question.");
        foreach (var postId in new[] { first, support, second })
        {
            Assert.Equal(CommandOutcome.Applied, (await _host.ActAsync(postId, PostTrigger.Claim, "bob")).Outcome);
        }

        await _host.ActAsync(first, PostTrigger.Dismiss, "bob", new CommentInput { Comment = "Spam" });
        var store = _host.Service<IPostStore>();

        Assert.Equal([second, first], Ids(await store.ListAsync(new PostQuery { Owner = "bob", Queue = "billing" })));
        Assert.Equal([second], Ids(await store.ListAsync(new PostQuery { Owner = "bob", Queue = "billing", Limit = 1 })));
        Assert.Equal([first], Ids(await store.ListAsync(new PostQuery { Owner = "bob", Queue = "billing", States = [PostState.Dismissed] })));
        Assert.Equal([second, support], Ids(await store.ListAsync(new PostQuery { Owner = "bob", Limit = 2 })));
        Assert.Equal([unclaimed, second, first], Ids(await store.ListAsync(new PostQuery { Queue = "billing" })));
        Assert.Empty(await store.ListAsync(new PostQuery { Owner = "bob", Queue = "billing", States = [PostState.Open] }));
    }

    private async Task<string> ReceiveAsync(string text)
    {
        _host.Time.Advance(TimeSpan.FromSeconds(1));
        return await _host.ReceiveAsync(text);
    }

    private static string[] Ids(IEnumerable<CustomerPost> posts) => [.. posts.Select(p => p.Id)];

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteFolder();
    }
}
