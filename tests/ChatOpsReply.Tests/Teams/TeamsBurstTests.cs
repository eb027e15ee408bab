using ChatOpsReply.Delivery;


namespace ChatOpsReply.Tests.Teams;

/// <summary>Waiting for Teams' per-thread limits is not a failed attempt: however long a burst waits, every card goes out.</summary>
public sealed class TeamsBurstTests : TeamsTestBase
{
    // Few attempts, so a wait counted as one would give cards up within the test. Twenty posts about orders
    // in a minute would be a spike, whose alert is not what this test is about.
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Delivery:MaxAttempts"] = "2", ["Accountability:Crisis:Spike:Enabled"] = "false" };

    [Fact]
    public async Task A_burst_that_waits_several_turns_for_one_channel_still_posts_every_card()
    {
        for (var i = 0; i < 20; i++)
        {
            await Host.ReceiveAsync($"Where is my order number {i}?");
        }

        await DeliverAsync();

        Assert.Equal(20, Fake.Of("create").Count());
        Assert.Equal(new OutboxDepth(0, 0), await Host.Service<IOutbox>().DepthAsync());
    }
}
