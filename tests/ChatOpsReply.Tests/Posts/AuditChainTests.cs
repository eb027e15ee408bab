using ChatOpsReply.Posts;

namespace ChatOpsReply.Tests.Posts;

/// <summary>A store written by a version before the audit chain: its older events are counted apart, and the chain holds from the first chained one.</summary>
public sealed class AuditChainTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Events_from_before_the_chain_are_counted_apart_and_the_trail_after_them_verifies()
    {
        var (events, _) = Upgraded();

        var store = await AuditChain.VerifyAsync(events.ToAsyncEnumerable(), storeWide: true);
        var post = await AuditChain.VerifyAsync(events.Where(e => e.Event.PostId == "a").ToAsyncEnumerable(), storeWide: false);

        Assert.Equal(new AuditVerdict(true, 2, null) { BeforeChain = 3 }, store);
        Assert.Equal(new AuditVerdict(true, 1, null) { BeforeChain = 2 }, post);
    }

    [Fact]
    public async Task An_event_without_a_hash_after_the_chain_began_is_broken()
    {
        var (events, next) = Upgraded();
        events.Add(new ChainedAuditEvent(Event("b", next, AuditAction.Release), null, null, null));

        var store = await AuditChain.VerifyAsync(events.ToAsyncEnumerable(), storeWide: true);
        var post = await AuditChain.VerifyAsync(events.Where(e => e.Event.PostId == "b").ToAsyncEnumerable(), storeWide: false);

        Assert.False(store.Intact);
        Assert.Contains("carries no hash though events before it do", store.FirstBroken, StringComparison.Ordinal);
        Assert.False(post.Intact);
    }

    [Fact]
    public async Task A_chained_event_changed_after_older_ones_is_still_found()
    {
        var (events, _) = Upgraded();
        events[3] = events[3] with { Event = events[3].Event with { Detail = "claimed by mallory" } };

        var store = await AuditChain.VerifyAsync(events.ToAsyncEnumerable(), storeWide: true);

        Assert.False(store.Intact);
        Assert.Contains("does not match its hash", store.FirstBroken, StringComparison.Ordinal);
    }

    /// <summary>Posts a and b with three events from before the chain, then one chained event each.</summary>
    private static (List<ChainedAuditEvent> Events, long Next) Upgraded()
    {
        var events = new List<ChainedAuditEvent>
        {
            new(Event("a", 1, AuditAction.Received), null, null, null),
            new(Event("b", 2, AuditAction.Received), null, null, null),
            new(Event("a", 3, AuditAction.Claim), null, null, null),
        };
        var chain = "";
        foreach (var (post, sequence) in new[] { ("a", 4L), ("b", 5L) })
        {
            var audit = Event(post, sequence, AuditAction.Release);
            var hash = AuditChain.ContentHash(audit);
            // The store links a post's first chained event to nothing before it.
            var link = AuditChain.Link("", hash);
            chain = AuditChain.Chain(chain, sequence, link);
            events.Add(new ChainedAuditEvent(audit, hash, link, chain));
        }

        return (events, 6);
    }

    private static AuditEvent Event(string postId, long sequence, AuditAction action) =>
        new(postId, T0.AddMinutes(sequence), "alice", "Alice Martin", action, PostState.Open, PostState.Open, "console", null, $"event {sequence}") { Sequence = sequence };
}
