using ChatOpsReply.Crises;
using ChatOpsReply.Delivery;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Storage;

/// <summary>
/// What every store must do with declared crises, written once: one crisis a topic however many declare
/// it at once, its alert's messages written with it, and a resolve recorded once.
/// </summary>
public abstract class CrisisStoreContract : FreshStore
{
    private static readonly DateTimeOffset Now = TestConfig.Stored(TestConfig.Start.AddMinutes(30));

    private ICrisisStore Crises => Store<ICrisisStore>();

    private static Crisis CrisisOf(string id, string queue = "support", string? spike = "spike-1", params string[] terms) =>
        new(id, queue, terms.Length == 0 ? ["app down", "outage"] : terms, Now.AddMinutes(-10), spike, "sam", Now);

    private static OutboxMessage Alert(string spikeId) =>
        new(Guid.NewGuid().ToString("N"), spikeId, SurfaceNames.Slack, OutboxKind.SpikeAlert, Now) { DueAt = Now, Text = "alert" };

    /// <summary>A crisis with its terms spelled out, for comparing what was stored with what is read.</summary>
    private static string Shown(Crisis? crisis) => crisis is null ? "none" : $"{crisis with { Terms = [] }} [{string.Join(",", crisis.Terms)}]";

    [Fact]
    public async Task A_declared_crisis_is_read_back_as_declared_with_its_alert_written_with_it()
    {
        var crisis = CrisisOf("c1");

        var declaring = await Crises.DeclareAsync(crisis, [Alert("spike-1")]);

        Assert.True(declaring.Declared);
        Assert.Equal(Shown(crisis), Shown(await Crises.GetAsync("c1")));
        Assert.Equal(Shown(crisis), Shown(await Crises.OfSpikeAsync("spike-1")));
        Assert.Equal([Shown(crisis)], (await Crises.DeclaredAsync()).Select(Shown));
        var message = Assert.Single(await Store<IOutbox>().ClaimDueAsync(Now, TimeSpan.FromMinutes(1), 10));
        Assert.Equal(("spike-1", OutboxKind.SpikeAlert), (message.PostId, message.Kind));
        Assert.Null(await Crises.GetAsync("unknown"));
        Assert.Null(await Crises.OfSpikeAsync("unknown"));
    }

    [Fact]
    public async Task A_second_crisis_of_the_same_spike_or_sharing_a_word_in_the_queue_is_answered_with_the_first()
    {
        await Crises.DeclareAsync(CrisisOf("c1"), [Alert("spike-1")]);

        var sameSpike = await Crises.DeclareAsync(CrisisOf("c2", terms: "billing"), [Alert("spike-1")]);
        var sameWord = await Crises.DeclareAsync(CrisisOf("c3", spike: null, terms: "outage today"), []);
        var otherQueue = await Crises.DeclareAsync(CrisisOf("c4", queue: "billing", spike: null, terms: "outage"), []);
        var otherWords = await Crises.DeclareAsync(CrisisOf("c5", spike: "spike-2", terms: "parcel late"), []);

        Assert.Equal((false, "c1"), (sameSpike.Declared, sameSpike.Crisis.Id));
        Assert.Equal((false, "c1"), (sameWord.Declared, sameWord.Crisis.Id));
        Assert.True(otherQueue.Declared);
        Assert.True(otherWords.Declared);
        Assert.Equal(["c1", "c4", "c5"], (await Crises.DeclaredAsync()).Select(c => c.Id).Order(StringComparer.Ordinal));
        // Nothing of the refused ones was written, their alert neither.
        Assert.Null(await Crises.GetAsync("c2"));
        Assert.Equal(1, (await Store<IOutbox>().DepthAsync()).Pending);
    }

    [Fact]
    public async Task Crises_declared_at_once_on_one_topic_are_one()
    {
        var declarings = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Crises.DeclareAsync(CrisisOf($"c{i}", spike: null), [])));

        Assert.Single(declarings, d => d.Declared);
        Assert.Single(declarings.Select(d => d.Crisis.Id).Distinct());
        Assert.Single(await Crises.DeclaredAsync());
    }

    [Fact]
    public async Task Resolving_is_recorded_once_with_who_and_when_and_frees_the_topic()
    {
        await Crises.DeclareAsync(CrisisOf("c1"), [Alert("spike-1")]);

        var resolved = await Crises.ResolveAsync("c1", "dan", Now.AddHours(1), [Alert("spike-1")]);
        var again = await Crises.ResolveAsync("c1", "sam", Now.AddHours(2), [Alert("spike-1")]);

        Assert.Equal((CrisisStatus.Resolved, "dan", Now.AddHours(1)), (resolved!.Status, resolved.ResolvedBy, resolved.ResolvedAt));
        Assert.Equal(Shown(resolved), Shown(again));
        Assert.Equal(Shown(resolved), Shown(await Crises.GetAsync("c1")));
        Assert.Equal(Shown(resolved), Shown(await Crises.OfSpikeAsync("spike-1")));
        Assert.Empty(await Crises.DeclaredAsync());
        Assert.Equal(2, (await Store<IOutbox>().DepthAsync()).Pending);
        Assert.Null(await Crises.ResolveAsync("unknown", "dan", Now, []));

        // The topic may be declared again, and the spike's alert then shows the new one.
        Assert.True((await Crises.DeclareAsync(CrisisOf("c2") with { DeclaredAt = Now.AddHours(3) }, [])).Declared);
        Assert.Equal("c2", (await Crises.OfSpikeAsync("spike-1"))!.Id);
    }

    [Fact]
    public async Task The_latest_crises_come_newest_first()
    {
        await Crises.DeclareAsync(CrisisOf("c1", spike: null, terms: "outage"), []);
        await Crises.DeclareAsync(CrisisOf("c2", spike: null, terms: "parcel") with { DeclaredAt = Now.AddMinutes(1) }, []);
        await Crises.DeclareAsync(CrisisOf("c3", spike: null, terms: "refund") with { DeclaredAt = Now.AddMinutes(2) }, []);
        await Crises.ResolveAsync("c2", "dan", Now.AddMinutes(3), []);

        Assert.Equal(["c3", "c2"], (await Crises.LatestAsync(2)).Select(c => c.Id));
        Assert.Equal(CrisisStatus.Resolved, (await Crises.LatestAsync(3))[1].Status);
    }

    private static HoldingStatement Proposal(string id, string by = "sam") => new(id, "status-update", 3, "We are on it", by, Now.AddMinutes(5));

    [Fact]
    public async Task A_holding_statement_waiting_for_approval_is_not_overwritten_by_a_second_proposal()
    {
        await Crises.DeclareAsync(CrisisOf("c1"), [Alert("spike-1")]);

        var first = await Crises.ProposeHoldingAsync("c1", Proposal("h1"), [Alert("spike-1")]);
        var second = await Crises.ProposeHoldingAsync("c1", Proposal("h2", by: "dan"), [Alert("spike-1")]);

        Assert.Equal(Proposal("h1"), first!.Holding);
        Assert.Equal(Proposal("h1"), second!.Holding);
        Assert.Equal(Proposal("h1"), (await Crises.GetAsync("c1"))!.Holding);
        Assert.Equal(Proposal("h1"), Assert.Single(await Crises.DeclaredAsync()).Holding);
        // The declaration's alert and the first proposal's, not the refused one's.
        Assert.Equal(2, (await Store<IOutbox>().DepthAsync()).Pending);
        Assert.Null(await Crises.ProposeHoldingAsync("unknown", Proposal("h3"), []));
    }

    [Fact]
    public async Task A_decision_applies_only_to_the_proposal_it_names_while_it_waits_and_a_rejected_one_may_be_replaced()
    {
        await Crises.DeclareAsync(CrisisOf("c1"), []);
        await Crises.ProposeHoldingAsync("c1", Proposal("h1"), []);
        var rejection = Proposal("h1") with { Status = HoldingStatus.Rejected, DecidedBy = "lena", DecidedAt = Now.AddMinutes(6), Reason = "Too cheerful" };

        Assert.Equal(Proposal("h1"), (await Crises.DecideHoldingAsync("c1", Proposal("other") with { Status = HoldingStatus.Approved, DecidedBy = "lena" }, []))!.Holding);
        Assert.Equal(rejection, (await Crises.DecideHoldingAsync("c1", rejection, []))!.Holding);
        // Decided already: a second decision (an approval clicked on an old copy) changes nothing.
        Assert.Equal(rejection, (await Crises.DecideHoldingAsync("c1", Proposal("h1") with { Status = HoldingStatus.Approved, DecidedBy = "lena" }, []))!.Holding);

        var replaced = await Crises.ProposeHoldingAsync("c1", Proposal("h2", by: "dan"), []);
        Assert.Equal(Proposal("h2", by: "dan"), replaced!.Holding);
        var approval = Proposal("h2", by: "dan") with { Status = HoldingStatus.Approved, DecidedBy = "lena", DecidedAt = Now.AddMinutes(7) };
        Assert.Equal(approval, (await Crises.DecideHoldingAsync("c1", approval, []))!.Holding);
        // Approved, it stays: no new proposal replaces what is being sent.
        Assert.Equal(approval, (await Crises.ProposeHoldingAsync("c1", Proposal("h3"), []))!.Holding);
        Assert.Equal(approval, (await Crises.GetAsync("c1"))!.Holding);
    }

    [Fact]
    public async Task A_resolved_crisis_takes_no_holding_statement_and_keeps_the_one_it_had()
    {
        await Crises.DeclareAsync(CrisisOf("c1"), []);
        await Crises.ProposeHoldingAsync("c1", Proposal("h1"), []);
        await Crises.ResolveAsync("c1", "dan", Now.AddHours(1), []);

        var approved = await Crises.DecideHoldingAsync("c1", Proposal("h1") with { Status = HoldingStatus.Approved, DecidedBy = "lena" }, []);

        Assert.Equal((CrisisStatus.Resolved, Proposal("h1")), (approved!.Status, approved.Holding));
        Assert.Equal(Proposal("h1"), (await Crises.GetAsync("c1"))!.Holding);
    }

    [Fact]
    public async Task The_first_outcome_recorded_for_a_post_stays()
    {
        await Crises.DeclareAsync(CrisisOf("c1"), []);

        await Crises.RecordHoldingOutcomesAsync("c1", [new HoldingOutcome("p1", Sent: true, null, Now)], []);
        await Crises.RecordHoldingOutcomesAsync("c1", [new HoldingOutcome("p1", Sent: false, "again", Now.AddMinutes(1)), new HoldingOutcome("p2", Sent: false, "Ana has not opted in to texts.", Now)], [Alert("spike-1")]);

        Assert.Equal(
            [new HoldingOutcome("p1", true, null, Now), new HoldingOutcome("p2", false, "Ana has not opted in to texts.", Now)],
            (await Crises.HoldingOutcomesAsync("c1")).OrderBy(o => o.PostId, StringComparer.Ordinal));
        Assert.Empty(await Crises.HoldingOutcomesAsync("c2"));
        // The alert's messages came with them, once.
        Assert.Equal(("spike-1", OutboxKind.SpikeAlert), Assert.Single(await Store<IOutbox>().ClaimDueAsync(Now, TimeSpan.FromMinutes(1), 10)) is var m ? (m.PostId, m.Kind) : default);
    }
}
