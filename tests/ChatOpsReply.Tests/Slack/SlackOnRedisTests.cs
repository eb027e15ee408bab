using System.Net;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Slack;

/// <summary>
/// One Slack workspace served by two instances on one Redis: Slack sends each request to
/// whichever instance the load balancer picks, and the team still sees one card per post.
/// </summary>
public sealed class SlackOnRedisTests
{
    [Fact]
    public async Task A_card_posted_by_one_instance_is_updated_in_place_by_a_click_on_the_other()
    {
        await using var slack = await FakeSlack.StartAsync();
        var redis = RedisSettings.Fresh(RedisServer.Shared);
        await using var a = await SlackHost.StartAsync(redis, slack);
        await using var b = await SlackHost.StartAsync(redis, slack);

        var postId = await a.Host.ReceiveAsync("Where is my parcel?");
        await a.DeliverAllAsync();
        var posted = Assert.Single(slack.Of("chat.postMessage"));

        using (var response = await b.ClickAsync(postId, "Claim", "U0ALICE"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await b.DeliverAllAsync();
        await a.DeliverAllAsync();

        var updated = await a.LastCardAsync(postId);
        Assert.Equal("chat.update", updated.Method);
        Assert.Equal(posted.Answer!["ts"]!.GetValue<string>(), updated.Arg("ts"));
        Assert.Contains("Alice Martin", updated.VisibleText, StringComparison.Ordinal);
        Assert.Single(slack.Of("chat.postMessage"), c => c.Arg("thread_ts") == "");
        var post = await a.Host.PostAsync(postId);
        Assert.Equal((PostState.Claimed, "alice"), (post.State, post.Owner));
    }

    [Fact]
    public async Task A_click_slack_retries_to_the_other_instance_is_applied_once()
    {
        await using var slack = await FakeSlack.StartAsync();
        var redis = RedisSettings.Fresh(RedisServer.Shared);
        await using var a = await SlackHost.StartAsync(redis, slack);
        await using var b = await SlackHost.StartAsync(redis, slack);
        var postId = await a.Host.ReceiveAsync("Where is my parcel?");
        await a.Host.ActAsync(postId, PostTrigger.Claim, "alice");

        // The same click (same action_ts) arriving twice, once at each instance.
        using (await a.ClickAsync(postId, "Escalate", "U0ALICE", actionTs: "1700000900.000001"))
        using (await b.ClickAsync(postId, "Escalate", "U0ALICE", actionTs: "1700000900.000001"))
        {
        }

        var trail = await b.Host.Service<IAuditTrail>().ForPostAsync(postId);
        Assert.Single(trail, e => e.Action == AuditAction.Escalate);
        Assert.Equal(3, (await b.Host.PostAsync(postId)).Version);
    }
}
