using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Posts;

/// <summary>Many people clicking at once: one wins, everyone else is told who did, nothing is applied twice.</summary>
public sealed class ConcurrentClaimTests : IDisposable
{
    private readonly ServiceHost _host = new();

    [Fact]
    public async Task Fifty_parallel_claims_have_exactly_one_winner_and_49_are_told_who_won()
    {
        var postId = await _host.ReceiveAsync("My parcel never arrived.");
        var people = new[] { "alice", "bob", "lou" };

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            Task.Run(() => _host.ActAsync(postId, PostTrigger.Claim, people[i % people.Length], key: $"click-{i}"))));

        var winners = results.Where(r => r.Outcome == CommandOutcome.Applied).ToList();
        var winner = Assert.Single(winners);
        var ownerName = _host.Service<ChatOpsReply.Accountability.AccountabilityPolicy>().People.NameOf(winner.Post!.Owner);
        var losers = results.Where(r => r.Outcome != CommandOutcome.Applied).ToList();
        Assert.Equal(49, losers.Count);
        Assert.All(losers, r =>
        {
            Assert.Equal(CommandOutcome.Rejected, r.Outcome);
            Assert.True(
                r.Message == $"{ownerName} already claimed this post." || r.Message == "You already claimed this post.",
                r.Message);
        });

        var stored = await _host.PostAsync(postId);
        Assert.Equal(2, stored.Version);
        Assert.Equal(winner.Post!.Owner, stored.Owner);
        var trail = await _host.Service<IAuditTrail>().ForPostAsync(postId);
        Assert.Single(trail, e => e.Action == AuditAction.Claim);
    }

    [Fact]
    public async Task A_repeated_click_with_the_same_key_is_applied_once()
    {
        var postId = await _host.ReceiveAsync("My parcel never arrived.");

        var first = await _host.ActAsync(postId, PostTrigger.Claim, "alice", key: "same-click");
        var again = await _host.ActAsync(postId, PostTrigger.Claim, "alice", key: "same-click");

        Assert.Equal(CommandOutcome.Applied, first.Outcome);
        Assert.Equal(CommandOutcome.AlreadyApplied, again.Outcome);
        Assert.Equal("Done already.", again.Message);
        Assert.Equal(2, (await _host.PostAsync(postId)).Version);
    }

    [Fact]
    public async Task A_refused_command_changes_nothing()
    {
        var postId = await _host.ReceiveAsync("My parcel never arrived.");
        var before = await _host.Service<IAuditTrail>().ForPostAsync(postId);

        var result = await _host.ActAsync(postId, PostTrigger.Claim, "olga");

        Assert.Equal(CommandOutcome.Rejected, result.Outcome);
        var after = await _host.PostAsync(postId);
        Assert.Equal(1, after.Version);
        Assert.Equal(PostState.Open, after.State);
        Assert.Equal(before.Count, (await _host.Service<IAuditTrail>().ForPostAsync(postId)).Count);
    }

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteFolder();
    }
}
