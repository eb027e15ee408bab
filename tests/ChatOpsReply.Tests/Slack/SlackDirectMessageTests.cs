using ChatOpsReply.Delivery;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Slack;

/// <summary>
/// People hear about what waits on them in a direct message from the app: a post handed to them,
/// a post escalated to their tier. Two instances on one Redis send each message once.
/// </summary>
public sealed class SlackDirectMessageTests
{
    [Fact]
    public async Task A_hand_over_and_an_escalation_each_reach_their_people_once_with_two_instances_on_redis()
    {
        await using var slack = await FakeSlack.StartAsync();
        var redis = RedisSettings.Fresh(RedisServer.Shared);
        await using var a = await SlackHost.StartAsync(redis, slack);
        await using var b = await SlackHost.StartAsync(redis, slack);
        var handed = await a.Host.ReceiveAsync("Where is my parcel?");
        var waiting = await a.Host.ReceiveAsync("My order is late.", externalId: "late-1");
        await DeliverOnBothAsync(a, b);

        await b.Host.ActAsync(handed, PostTrigger.Reassign, "carol", new HandOverInput("alice") { Comment = "you know Ana" });
        foreach (var host in new[] { a.Host, b.Host })
        {
            host.Time.Advance(TimeSpan.FromMinutes(15));
        }

        // Both instances look for due timers at once; the waiting post's timer fires once.
        await Task.WhenAll(a.Host.Service<SlaTimerService>().FireDueAsync(), b.Host.Service<SlaTimerService>().FireDueAsync());
        await DeliverOnBothAsync(a, b);

        var toAlice = Assert.Single(slack.Of("chat.postMessage"), c => c.Arg("channel") == "GU0ALICE");
        Assert.StartsWith("Carol Nguyen handed you a post: you know Ana. The card is in <#C0SUPPORT>.", toAlice.Arg("text"), StringComparison.Ordinal);
        Assert.EndsWith("Ana Lopez on X: Where is my parcel?", toAlice.Arg("text"), StringComparison.Ordinal);
        var toCarol = Assert.Single(slack.Of("chat.postMessage"), c => c.Arg("channel") == "GU0CAROL");
        Assert.StartsWith("A post of Support was escalated to lead (not claimed within 15 min at frontline): please claim it.", toCarol.Arg("text"), StringComparison.Ordinal);
        Assert.Contains("My order is late.", toCarol.Arg("text"), StringComparison.Ordinal);
        // The thread mentions still go to the card, once each.
        Assert.Single(slack.Of("chat.postMessage"), c => c.Arg("text") == "<@U0ALICE> Carol Nguyen handed this post to you: you know Ana.");
    }

    [Fact]
    public async Task Someone_who_asked_only_for_approvals_is_not_messaged_about_a_hand_over()
    {
        await using var host = await SlackHost.StartAsync(new Dictionary<string, string?> { ["Accountability:People:0:DirectMessages:0"] = "Approval" });
        var postId = await host.Host.ReceiveAsync("Where is my parcel?");

        await host.Host.ActAsync(postId, PostTrigger.Reassign, "carol", new HandOverInput("alice"));
        await host.DeliverAllAsync();

        Assert.DoesNotContain(host.Slack.Of("chat.postMessage"), c => c.Arg("channel") == "GU0ALICE");
        Assert.Contains(host.Slack.Of("chat.postMessage"), c => c.Arg("text") == "<@U0ALICE> Carol Nguyen handed this post to you.");
    }

    [Fact]
    public async Task An_owner_who_missed_the_reply_limit_stays_and_the_lead_is_messaged_directly()
    {
        await using var host = await SlackHost.StartAsync();
        var postId = await host.Host.ReceiveAsync("Where is my parcel?");
        await host.Host.ActAsync(postId, PostTrigger.Claim, "alice");

        await host.Host.AdvanceAsync(TimeSpan.FromMinutes(45));
        await host.DeliverAllAsync();

        var toCarol = Assert.Single(host.Slack.Of("chat.postMessage"), c => c.Arg("channel") == "GU0CAROL");
        Assert.StartsWith("A post of Support has had no reply within 45 min: Alice Martin still has it, and you can take it over.", toCarol.Arg("text"), StringComparison.Ordinal);
        Assert.Contains("TakeOver", (await host.LastCardAsync(postId)).Args.ToJsonString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// Both instances deliver at once, round after round, their clocks moving together between rounds:
    /// each host's own DeliverAllAsync moves its clock while the other is still in a call, which would
    /// expire the other's lease and have the same message sent again, as a lease that truly ran out would.
    /// </summary>
    private static async Task DeliverOnBothAsync(SlackHost a, SlackHost b)
    {
        for (var second = 0; second <= 120; second++)
        {
            await Task.WhenAll(a.Host.DeliverAsync(), b.Host.DeliverAsync());
            if ((await a.Host.Service<IOutbox>().DepthAsync()).Pending == 0)
            {
                return;
            }

            a.Host.Time.Advance(TimeSpan.FromSeconds(1));
            b.Host.Time.Advance(TimeSpan.FromSeconds(1));
        }
    }
}
