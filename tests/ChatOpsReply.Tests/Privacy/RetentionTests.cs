using ChatOpsReply.Posts;
using ChatOpsReply.Privacy;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Privacy;

/// <summary>Privacy:RetentionDays: finished posts lose their customer's text once their time is up, and only they do.</summary>
public sealed class RetentionTests
{
    public static TheoryData<string> Stores => ["Sqlite", "Redis"];

    /// <summary>Retention of 30 days; the test calls the sweep itself unless <paramref name="inBackground"/> (the fake clock would fire it at any time).</summary>
    private static Dictionary<string, string?> Settings(string store, string? prefix = null, bool inBackground = false)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Privacy:RetentionDays"] = "30",
            ["Privacy:SweepInBackground"] = inBackground ? "true" : "false",
        };
        if (store == "Redis")
        {
            foreach (var (key, value) in RedisSettings.Fresh(RedisServer.Shared, prefix))
            {
                settings[key] = value;
            }
        }

        return settings;
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_post_dismissed_longer_than_the_retention_is_erased_and_an_open_one_is_kept(string store)
    {
        using var host = new ServiceHost(Settings(store));
        var dismissed = await host.ReceiveAsync("Ana Lopez, parcel 4411, call me", externalId: "a1", handle: "@ana");
        var open = await host.ReceiveAsync("Still waiting for parcel 4412", externalId: "a2", threadId: "other", handle: "@ana");
        Assert.Equal(CommandOutcome.Applied, (await host.ActAsync(dismissed, PostTrigger.Dismiss, "alice", new CommentInput { Comment = "Ana wrote to the wrong company" })).Outcome);
        var sweep = host.Service<RetentionSweep>();

        await host.AdvanceAsync(TimeSpan.FromDays(29));
        var early = await sweep.SweepAsync();
        await host.AdvanceAsync(TimeSpan.FromDays(2));
        var due = await sweep.SweepAsync();
        var again = await sweep.SweepAsync();

        Assert.Equal((0, 1, 0), (early, due, again));
        var erased = await host.PostAsync(dismissed);
        Assert.Equal((AuditChain.RedactedText, AuditChain.RedactedText, PostState.Dismissed), (erased.Author.Handle, erased.Text, erased.State));
        Assert.Equal("Still waiting for parcel 4412", (await host.PostAsync(open)).Text);
        var trail = await host.Service<IAuditTrail>().ForPostAsync(dismissed);
        Assert.Equal((AuditAction.CustomerErased, "Retention policy"), (trail[^1].Action, trail[^1].ActorName));
        Assert.DoesNotContain(trail, e => (e.Comment ?? "").Contains("Ana", StringComparison.Ordinal));
        Assert.True((await AuditChain.VerifyAsync(host.Service<IAuditChain>().AllAsync(), storeWide: true)).Intact);
    }

    [Fact]
    public async Task The_background_sweep_erases_a_finished_post_once_its_time_is_up()
    {
        using var host = new ServiceHost(Settings("Sqlite", inBackground: true));
        var dismissed = await host.ReceiveAsync("Ana Lopez, parcel 4411", externalId: "a1", handle: "@ana");
        Assert.Equal(CommandOutcome.Applied, (await host.ActAsync(dismissed, PostTrigger.Dismiss, "alice", new CommentInput { Comment = "spam" })).Outcome);

        host.Time.Advance(TimeSpan.FromDays(31));

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await host.PostAsync(dismissed)).Text != AuditChain.RedactedText && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(AuditChain.RedactedText, (await host.PostAsync(dismissed)).Text);
    }

    [Fact]
    public async Task Two_instances_sweeping_at_once_erase_each_post_once()
    {
        var prefix = $"test-{Guid.NewGuid():N}:";
        using var first = new ServiceHost(Settings("Redis", prefix));
        using var second = new ServiceHost(Settings("Redis", prefix));
        var ids = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var id = await first.ReceiveAsync($"Message {i} from Ana", externalId: $"m{i}", threadId: $"t{i}", handle: "@ana");
            Assert.Equal(CommandOutcome.Applied, (await first.ActAsync(id, PostTrigger.Dismiss, "alice", new CommentInput { Comment = "spam" })).Outcome);
            ids.Add(id);
        }

        first.Time.Advance(TimeSpan.FromDays(31));
        second.Time.Advance(TimeSpan.FromDays(31));
        var erased = await Task.WhenAll(first.Service<RetentionSweep>().SweepAsync(), second.Service<RetentionSweep>().SweepAsync());

        Assert.Equal(6, erased.Sum());
        foreach (var id in ids)
        {
            Assert.Equal(AuditChain.RedactedText, (await first.PostAsync(id)).Text);
            Assert.Single(await first.Service<IAuditTrail>().ForPostAsync(id), e => e.Action == AuditAction.CustomerErased);
        }

        Assert.True((await AuditChain.VerifyAsync(first.Service<IAuditChain>().AllAsync(), storeWide: true)).Intact);
    }
}
