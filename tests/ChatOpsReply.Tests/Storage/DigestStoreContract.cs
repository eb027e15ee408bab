using ChatOpsReply.Delivery;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Storage;

/// <summary>What every store must do with a burst's digests, written once; each implementation runs it through a derived class.</summary>
public abstract class DigestStoreContract : FreshStore
{
    private const string Scope = "slack:C0SUPPORT";

    private static readonly DateTimeOffset T0 = TestConfig.Stored(TestConfig.Start);

    private IDigestStore Digests => Store<IDigestStore>();

    [Fact]
    public async Task A_post_is_added_to_a_digest_once_and_waits_in_arrival_order()
    {
        Assert.True(await Digests.AddAsync(Scope, "p2", T0));
        Assert.True(await Digests.AddAsync(Scope, "p1", T0.AddSeconds(1)));
        Assert.False(await Digests.AddAsync(Scope, "p2", T0.AddSeconds(2)));
        Assert.True(await Digests.AddAsync("slack:C0BILLING", "p2", T0.AddSeconds(3)));

        var state = await Digests.ReadAsync(Scope, 10);
        Assert.Equal(["p2", "p1"], state.Waiting);
        Assert.Empty(state.Messages);
        Assert.Equal(0, await Digests.MessageOfAsync(Scope, "p1"));
        Assert.Null(await Digests.MessageOfAsync(Scope, "p3"));
        Assert.Equal(T0.AddSeconds(1), await Digests.LastAddedAsync(Scope));
        Assert.Null(await Digests.LastAddedAsync("slack:C0OFFICE"));
        Assert.Equal(["slack:C0BILLING", Scope], await Digests.BusyScopesAsync());
    }

    [Fact]
    public async Task A_line_is_placed_on_one_message_only_and_the_message_is_to_draw_until_drawn()
    {
        foreach (var id in new[] { "p1", "p2", "p3" })
        {
            await Digests.AddAsync(Scope, id, T0);
        }

        Assert.Equal(2, await Digests.PlaceAsync(Scope, 1, ["p1", "p2", "never-added"]));
        // Another holder's stale view: p2 is on message 1 already, so only p3 moves.
        Assert.Equal(1, await Digests.PlaceAsync(Scope, 2, ["p2", "p3"]));

        Assert.Equal(["p1", "p2"], await Digests.LinesAsync(Scope, 1));
        Assert.Equal(["p3"], await Digests.LinesAsync(Scope, 2));
        Assert.Equal(1, await Digests.MessageOfAsync(Scope, "p2"));
        var state = await Digests.ReadAsync(Scope, 10);
        Assert.Empty(state.Waiting);
        Assert.Equal([new DigestMessage(1, 2, 1, 0, null), new DigestMessage(2, 1, 1, 0, null)], state.Messages);

        await Digests.MarkDrawnAsync(Scope, 1, 1, T0.AddSeconds(5));
        state = await Digests.ReadAsync(Scope, 10);
        // Drawn and not the newest: no longer listed.
        Assert.Equal([new DigestMessage(2, 1, 1, 0, null)], state.Messages);
    }

    [Fact]
    public async Task A_change_counted_while_a_message_is_drawn_keeps_it_to_draw()
    {
        await Digests.AddAsync(Scope, "p1", T0);
        await Digests.AddAsync(Scope, "p2", T0);
        await Digests.PlaceAsync(Scope, 1, ["p1", "p2"]);
        var read = (await Digests.ReadAsync(Scope, 10)).Newest!;

        await Digests.MarkChangedAsync(Scope, "p2");
        await Digests.MarkDrawnAsync(Scope, 1, read.Changes, T0.AddSeconds(3));

        var message = (await Digests.ReadAsync(Scope, 10)).Newest!;
        Assert.Equal(new DigestMessage(1, 2, 2, 1, T0.AddSeconds(3)), message);
        Assert.True(message.ToDraw);
        Assert.Equal([Scope], await Digests.BusyScopesAsync());

        await Digests.MarkDrawnAsync(Scope, 1, message.Changes, T0.AddSeconds(6));
        Assert.False((await Digests.ReadAsync(Scope, 10)).Newest!.ToDraw);
        Assert.Empty(await Digests.BusyScopesAsync());
    }

    [Fact]
    public async Task A_change_to_a_line_still_waiting_counts_on_no_message()
    {
        await Digests.AddAsync(Scope, "p1", T0);

        await Digests.MarkChangedAsync(Scope, "p1");
        await Digests.MarkChangedAsync(Scope, "not-on-it");

        Assert.Empty((await Digests.ReadAsync(Scope, 10)).Messages);
    }

    [Fact]
    public async Task A_scope_is_leased_to_one_holder_at_a_time_until_the_lease_ends_or_is_given_back()
    {
        Assert.True(await Digests.TryLeaseAsync(Scope, "a", T0, T0.AddSeconds(30)));
        Assert.False(await Digests.TryLeaseAsync(Scope, "b", T0.AddSeconds(1), T0.AddSeconds(31)));
        Assert.True(await Digests.TryLeaseAsync(Scope, "a", T0.AddSeconds(1), T0.AddSeconds(31)));
        Assert.True(await Digests.TryLeaseAsync("slack:C0BILLING", "b", T0, T0.AddSeconds(30)));

        await Digests.ReleaseAsync(Scope, "b");
        Assert.False(await Digests.TryLeaseAsync(Scope, "b", T0.AddSeconds(2), T0.AddSeconds(32)));
        await Digests.ReleaseAsync(Scope, "a");
        Assert.True(await Digests.TryLeaseAsync(Scope, "b", T0.AddSeconds(2), T0.AddSeconds(32)));
    }

    [Fact]
    public async Task Waiting_lines_are_read_oldest_first_up_to_the_limit()
    {
        for (var i = 0; i < 5; i++)
        {
            await Digests.AddAsync(Scope, $"p{i}", T0.AddSeconds(i));
        }

        Assert.Equal(["p0", "p1", "p2"], (await Digests.ReadAsync(Scope, 3)).Waiting);
    }
}
