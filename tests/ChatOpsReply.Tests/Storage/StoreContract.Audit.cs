using ChatOpsReply.Posts;

namespace ChatOpsReply.Tests.Storage;

/// <summary>The audit chain on every store: intact as written, and broken where a row is changed or removed by hand.</summary>
public abstract partial class StoreContract
{
    protected IAuditChain Chain => Store<IAuditChain>();

    /// <summary>Rewrites the detail of the post's event at <paramref name="index"/> (0 = oldest) directly in the store, as someone with its files or a client would.</summary>
    protected abstract Task EditAuditEventByHandAsync(string postId, int index, string detail);

    /// <summary>Removes the post's event at <paramref name="index"/> directly in the store.</summary>
    protected abstract Task RemoveAuditEventByHandAsync(string postId, int index);

    /// <summary>Two posts: p1 received, claimed, released (3 events); p2 received (1 event).</summary>
    private async Task TwoPostsWithHistoryAsync()
    {
        var p1 = NewPost("p1");
        await Create(p1);
        var claim = Change(p1, p => p with { State = PostState.Claimed, Owner = "alice" });
        await Posts.SaveAsync(claim);
        await Create(NewPost("p2", at: T0.AddSeconds(1)));
        await Posts.SaveAsync(Change(claim.Post, p => p with { State = PostState.Open, Owner = null }, AuditAction.Release));
    }

    [Fact]
    public async Task A_trail_as_written_verifies_intact_per_post_and_across_the_store()
    {
        await TwoPostsWithHistoryAsync();

        Assert.Equal(new AuditVerdict(true, 3, null), await AuditChain.VerifyAsync(Chain.ForPostAsync("p1"), storeWide: false));
        Assert.Equal(new AuditVerdict(true, 1, null), await AuditChain.VerifyAsync(Chain.ForPostAsync("p2"), storeWide: false));
        Assert.Equal(new AuditVerdict(true, 4, null), await AuditChain.VerifyAsync(Chain.AllAsync(), storeWide: true));
    }

    [Fact]
    public async Task An_event_edited_by_hand_is_found_at_that_event()
    {
        await TwoPostsWithHistoryAsync();

        await EditAuditEventByHandAsync("p1", 1, "claimed by mallory");

        var post = await AuditChain.VerifyAsync(Chain.ForPostAsync("p1"), storeWide: false);
        var store = await AuditChain.VerifyAsync(Chain.AllAsync(), storeWide: true);
        Assert.False(post.Intact);
        Assert.Equal(2, post.Checked);
        Assert.Contains("(post p1, Claim", post.FirstBroken, StringComparison.Ordinal);
        Assert.Contains("does not match its hash", post.FirstBroken, StringComparison.Ordinal);
        Assert.False(store.Intact);
        Assert.Contains("(post p1, Claim", store.FirstBroken, StringComparison.Ordinal);
        Assert.True((await AuditChain.VerifyAsync(Chain.ForPostAsync("p2"), storeWide: false)).Intact);
    }

    [Fact]
    public async Task An_event_removed_by_hand_breaks_the_link_after_it()
    {
        await TwoPostsWithHistoryAsync();

        await RemoveAuditEventByHandAsync("p1", 1);

        var post = await AuditChain.VerifyAsync(Chain.ForPostAsync("p1"), storeWide: false);
        Assert.False(post.Intact);
        Assert.Contains("(post p1, Release", post.FirstBroken, StringComparison.Ordinal);
        Assert.Contains("does not follow the event before it", post.FirstBroken, StringComparison.Ordinal);
        Assert.False((await AuditChain.VerifyAsync(Chain.AllAsync(), storeWide: true)).Intact);
    }

    [Fact]
    public async Task The_last_event_of_a_post_removed_by_hand_breaks_the_store_wide_chain()
    {
        await TwoPostsWithHistoryAsync();
        await Create(NewPost("p3", at: T0.AddSeconds(2)));

        await RemoveAuditEventByHandAsync("p1", 2);

        Assert.True((await AuditChain.VerifyAsync(Chain.ForPostAsync("p1"), storeWide: false)).Intact);
        var store = await AuditChain.VerifyAsync(Chain.AllAsync(), storeWide: true);
        Assert.False(store.Intact);
        Assert.Contains("(post p3, Received", store.FirstBroken, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_first_event_of_the_store_removed_by_hand_is_found()
    {
        await TwoPostsWithHistoryAsync();

        await RemoveAuditEventByHandAsync("p1", 0);

        // Not taken for an event from before the chain: the events after it no longer follow from the start.
        Assert.False((await AuditChain.VerifyAsync(Chain.AllAsync(), storeWide: true)).Intact);
    }
}
