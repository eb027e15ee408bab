using ChatOpsReply.Delivery;
using ChatOpsReply.Guidelines;
using ChatOpsReply.Library.Model;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsReply.Tests.Storage;

/// <summary>
/// What every store must do, written once. Each implementation runs it through a derived
/// class that says how to configure a fresh, empty store.
/// </summary>
public abstract partial class StoreContract : FreshStore
{
    private static readonly DateTimeOffset T0 = TestConfig.Start;

    protected IPostStore Posts => Store<IPostStore>();

    protected IAuditTrail Audit => Store<IAuditTrail>();

    protected IOutbox Outbox => Store<IOutbox>();

    protected ISlaTimers Timers => Store<ISlaTimers>();

    protected ICannedAnswerStore Answers => Store<ICannedAnswerStore>();

    protected IPostingPace Pace => Store<IPostingPace>();

    private static CustomerPost NewPost(string id, string externalId = "", string queue = "support", DateTimeOffset? at = null, DateTimeOffset? claimDue = null) => new()
    {
        Id = id,
        Source = "x",
        ExternalId = externalId.Length > 0 ? externalId : "ext-" + id,
        ThreadId = "thread-" + id,
        Author = new PostAuthor("@Ana", "Ana López"),
        Text = "My order #4411 never arrived 📦",
        Url = "https://x.com/ana/status/1",
        ReceivedAt = at ?? T0,
        Queue = queue,
        Sensitivity = "legal",
        Version = 1,
        ClaimDueAt = claimDue ?? T0.AddMinutes(15),
        UpdatedAt = at ?? T0,
    };

    private static AuditEvent Event(CustomerPost post, AuditAction action, PostState? from = null) =>
        new(post.Id, post.UpdatedAt, "alice", "Alice Martin", action, from, post.State, "test", "a comment", "detail");

    private static OutboxMessage Message(string postId, string target = "slack", OutboxKind kind = OutboxKind.ShowCard, DateTimeOffset? at = null) =>
        new(Guid.NewGuid().ToString("N"), postId, target, kind, at ?? T0) { DueAt = at ?? T0, Text = "note", People = ["alice", "bob"] };

    private Task<CreateOutcome> Create(CustomerPost post, params OutboxMessage[] outbox) =>
        Posts.CreateAsync(new NewPost(post, Event(post, AuditAction.Received), outbox));

    private static PostChange Change(CustomerPost post, Func<CustomerPost, CustomerPost> edit, AuditAction action = AuditAction.Claim, string? key = null, params OutboxMessage[] outbox)
    {
        var next = edit(post) with { Version = post.Version + 1, UpdatedAt = post.UpdatedAt.AddMinutes(1) };
        return new PostChange(next, post.Version, Event(next, action, post.State), outbox) { CommandKey = key };
    }

    [Fact]
    public async Task A_created_post_reads_back_with_every_field()
    {
        var post = NewPost("p1") with
        {
            Draft = new ReplyDraft("Hi Ana", "alice", T0) { NeedsApproval = true, Answer = new CannedAnswerUse("a1", 2, true, true) },
            Approvals = [new ApprovalDecision("lena", T0, false, "Too curt")],
            FollowUps = [new FollowUp("ext-2", "Hello?", T0.AddMinutes(1))],
            Replies = [new SentReply("Sorry!", "alice", T0) { Answer = new CannedAnswerUse("a1", 2, false, true) }],
            SlaBreaches = 2,
            BreachTiers = [0, 0],
            Tier = 1,
        };

        var outcome = await Create(post);
        var read = await Posts.GetAsync("p1");

        Assert.Equal(new CreateOutcome(true, "p1"), outcome);
        Assert.NotNull(read);
        Assert.Equal(post with { Approvals = [], FollowUps = [], Replies = [], BreachTiers = [] }, read with { Approvals = [], FollowUps = [], Replies = [], BreachTiers = [] });
        Assert.Equal(post.BreachTiers, read.BreachTiers);
        Assert.Equal(post.Approvals, read.Approvals);
        Assert.Equal(post.FollowUps, read.FollowUps);
        Assert.Equal(post.Replies, read.Replies);
        Assert.Null(await Posts.GetAsync("nope"));
    }

    [Fact]
    public async Task The_same_source_message_is_created_once()
    {
        await Create(NewPost("p1", externalId: "e1"));

        var again = await Create(NewPost("p2", externalId: "e1"));

        Assert.Equal(new CreateOutcome(false, "p1"), again);
        Assert.Null(await Posts.GetAsync("p2"));
        Assert.Equal("p1", await Posts.FindIngestedAsync(new IngestKey("x", "e1")));
        Assert.Single(await Audit.RecentAsync(10));
    }

    [Fact]
    public async Task Concurrent_creates_of_one_message_store_one_post()
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => Create(NewPost($"p{i}", externalId: "same")))));

        Assert.Single(outcomes, o => o.Created);
        Assert.Single(outcomes.Select(o => o.PostId).Distinct());
    }

    [Fact]
    public async Task A_save_on_the_expected_version_writes_the_post_its_audit_and_its_outbox()
    {
        var post = NewPost("p1");
        await Create(post, Message("p1"));

        var outcome = await Posts.SaveAsync(Change(post, p => p with { State = PostState.Claimed, Owner = "alice" }, outbox: Message("p1", kind: OutboxKind.ThreadNote)));

        Assert.Equal(SaveOutcome.Saved, outcome);
        var read = await Posts.GetAsync("p1");
        Assert.Equal((PostState.Claimed, "alice", 2L), (read!.State, read.Owner, read.Version));
        Assert.Equal([AuditAction.Received, AuditAction.Claim], (await Audit.ForPostAsync("p1")).Select(e => e.Action));
        Assert.Equal(2, (await Outbox.DepthAsync()).Pending);
    }

    [Fact]
    public async Task A_save_on_a_stale_version_writes_nothing()
    {
        var post = NewPost("p1");
        await Create(post);
        await Posts.SaveAsync(Change(post, p => p with { State = PostState.Claimed, Owner = "alice" }));

        var stale = await Posts.SaveAsync(Change(post, p => p with { State = PostState.Claimed, Owner = "bob" }, key: "k1", outbox: Message("p1")));

        Assert.Equal(SaveOutcome.VersionConflict, stale);
        Assert.Equal("alice", (await Posts.GetAsync("p1"))!.Owner);
        Assert.Equal(2, (await Audit.ForPostAsync("p1")).Count);
        Assert.Equal(0, (await Outbox.DepthAsync()).Pending);
        Assert.False(await Posts.WasAppliedAsync("k1"));
    }

    [Fact]
    public async Task Of_twenty_concurrent_saves_on_one_version_exactly_one_wins()
    {
        var post = NewPost("p1");
        await Create(post);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => Posts.SaveAsync(Change(post, p => p with { Owner = $"person{i}" }, key: $"k{i}")))));

        Assert.Single(outcomes, o => o == SaveOutcome.Saved);
        Assert.Equal(2, (await Posts.GetAsync("p1"))!.Version);
        Assert.Equal(2, (await Audit.ForPostAsync("p1")).Count);
    }

    [Fact]
    public async Task A_command_key_is_applied_once()
    {
        var post = NewPost("p1");
        await Create(post);
        Assert.Equal(SaveOutcome.Saved, await Posts.SaveAsync(Change(post, p => p with { Owner = "alice" }, key: "click-1")));
        var current = (await Posts.GetAsync("p1"))!;

        var again = await Posts.SaveAsync(Change(current, p => p with { Owner = "bob" }, key: "click-1", outbox: Message("p1")));

        Assert.Equal(SaveOutcome.DuplicateCommand, again);
        Assert.True(await Posts.WasAppliedAsync("click-1"));
        Assert.Equal("alice", (await Posts.GetAsync("p1"))!.Owner);
        Assert.Equal(0, (await Outbox.DepthAsync()).Pending);
    }

    [Fact]
    public async Task Purged_command_keys_are_forgotten()
    {
        var post = NewPost("p1");
        await Create(post);
        await Posts.SaveAsync(Change(post, p => p with { Owner = "alice" }, key: "old"));

        await Posts.PurgeCommandKeysAsync(T0.AddDays(1));

        Assert.False(await Posts.WasAppliedAsync("old"));
    }

    [Fact]
    public async Task A_follow_up_is_recorded_once()
    {
        var post = NewPost("p1");
        await Create(post);
        var followUp = Change(post, p => p with { FollowUps = [new FollowUp("e2", "Hello?", T0)] }, AuditAction.CustomerFollowUp) with { Ingest = new IngestKey("x", "e2") };
        Assert.Equal(SaveOutcome.Saved, await Posts.SaveAsync(followUp));
        var current = (await Posts.GetAsync("p1"))!;

        var again = await Posts.SaveAsync(Change(current, p => p with { FollowUps = [.. p.FollowUps, new FollowUp("e2", "Hello?", T0)] }, AuditAction.CustomerFollowUp) with { Ingest = new IngestKey("x", "e2") });

        Assert.Equal(SaveOutcome.DuplicateIngest, again);
        Assert.Single((await Posts.GetAsync("p1"))!.FollowUps);
        Assert.Equal("p1", await Posts.FindIngestedAsync(new IngestKey("x", "e2")));
    }

    [Fact]
    public async Task The_audit_trail_keeps_order_per_post_and_newest_first_overall()
    {
        var a = NewPost("a");
        var b = NewPost("b");
        await Create(a);
        await Create(b);
        await Posts.SaveAsync(Change(a, p => p with { State = PostState.Claimed }));
        await Posts.SaveAsync(Change(b, p => p with { State = PostState.Dismissed }, AuditAction.Dismiss));

        var trail = await Audit.ForPostAsync("a");
        var recent = await Audit.RecentAsync(3);

        Assert.Equal([AuditAction.Received, AuditAction.Claim], trail.Select(e => e.Action));
        Assert.True(trail[0].Sequence < trail[1].Sequence);
        Assert.Equal(("a", PostState.Open, PostState.Claimed, "alice", "test", "a comment"), (trail[1].PostId, trail[1].From!.Value, trail[1].To, trail[1].ActorId, trail[1].Surface, trail[1].Comment));
        Assert.Equal([AuditAction.Dismiss, AuditAction.Claim, AuditAction.Received], recent.Select(e => e.Action));
    }

    [Fact]
    public async Task Outbox_messages_come_out_in_order_and_leave_only_when_completed()
    {
        await Create(NewPost("p1"), Message("p1", kind: OutboxKind.ShowCard), Message("p1", kind: OutboxKind.ThreadNote));

        var first = await Outbox.ClaimDueAsync(T0, TimeSpan.FromSeconds(30), 10);
        var whileLeased = await Outbox.ClaimDueAsync(T0.AddSeconds(1), TimeSpan.FromSeconds(30), 10);

        var card = Assert.Single(first);
        Assert.Equal(OutboxKind.ShowCard, card.Kind);
        Assert.Equal(("p1", "slack", "note", 0), (card.PostId, card.Target, card.Text, card.Attempts));
        Assert.Equal(["alice", "bob"], card.People);
        Assert.Empty(whileLeased);

        await Outbox.CompleteAsync(card);
        var next = Assert.Single(await Outbox.ClaimDueAsync(T0.AddSeconds(2), TimeSpan.FromSeconds(30), 10));
        Assert.Equal(OutboxKind.ThreadNote, next.Kind);
        await Outbox.CompleteAsync(next);
        Assert.Equal(new OutboxDepth(0, 0), await Outbox.DepthAsync());
    }

    [Fact]
    public async Task A_reply_delivery_keeps_the_number_of_its_reply()
    {
        await Create(NewPost("p1"), Message("p1", "source", OutboxKind.DeliverReply) with { ReplyNumber = 2 });

        var message = Assert.Single(await Outbox.ClaimDueAsync(T0, TimeSpan.FromSeconds(30), 10));

        Assert.Equal((OutboxKind.DeliverReply, (int?)2), (message.Kind, message.ReplyNumber));
    }

    [Fact]
    public async Task An_outbox_message_whose_lease_ran_out_is_offered_again()
    {
        await Create(NewPost("p1"), Message("p1"));
        Assert.Single(await Outbox.ClaimDueAsync(T0, TimeSpan.FromSeconds(30), 10));

        var again = await Outbox.ClaimDueAsync(T0.AddSeconds(31), TimeSpan.FromSeconds(30), 10);

        Assert.Single(again);
    }

    [Fact]
    public async Task A_renewed_lease_keeps_a_slow_delivery_from_being_offered_to_another_instance()
    {
        await Create(NewPost("p1"), Message("p1"));
        var claimed = Assert.Single(await Outbox.ClaimDueAsync(T0, TimeSpan.FromSeconds(30), 10));
        Assert.Equal(T0.AddSeconds(30).ToUnixTimeMilliseconds(), claimed.LeaseUntil?.ToUnixTimeMilliseconds());

        var renewed = await Outbox.RenewLeaseAsync(claimed, T0.AddSeconds(50));

        Assert.Equal(T0.AddSeconds(50).ToUnixTimeMilliseconds(), renewed?.LeaseUntil?.ToUnixTimeMilliseconds());
        Assert.Empty(await Outbox.ClaimDueAsync(T0.AddSeconds(31), TimeSpan.FromSeconds(30), 10));
        // Renewed again from the renewed lease; the stale first lease no longer renews anything.
        Assert.Null(await Outbox.RenewLeaseAsync(claimed, T0.AddSeconds(70)));
        Assert.NotNull(await Outbox.RenewLeaseAsync(renewed!, T0.AddSeconds(70)));
        Assert.Empty(await Outbox.ClaimDueAsync(T0.AddSeconds(69), TimeSpan.FromSeconds(30), 10));
        Assert.Single(await Outbox.ClaimDueAsync(T0.AddSeconds(70), TimeSpan.FromSeconds(30), 10));
    }

    [Fact]
    public async Task A_lease_that_ran_out_and_was_claimed_again_is_not_renewed_by_its_first_holder()
    {
        await Create(NewPost("p1"), Message("p1"));
        var first = Assert.Single(await Outbox.ClaimDueAsync(T0, TimeSpan.FromSeconds(30), 10));
        var second = Assert.Single(await Outbox.ClaimDueAsync(T0.AddSeconds(31), TimeSpan.FromSeconds(30), 10));

        Assert.Null(await Outbox.RenewLeaseAsync(first, T0.AddSeconds(90)));
        // The second holder's lease stands: the message comes back when it ends, not at the first holder's 90 s.
        Assert.Single(await Outbox.ClaimDueAsync(second.LeaseUntil!.Value, TimeSpan.FromSeconds(30), 10));
    }

    [Fact]
    public async Task Messages_for_different_posts_or_targets_do_not_wait_for_each_other()
    {
        await Create(NewPost("p1"), Message("p1", "slack"), Message("p1", "teams"));
        await Create(NewPost("p2", externalId: "e2"), Message("p2", "slack"));

        var claimed = await Outbox.ClaimDueAsync(T0, TimeSpan.FromSeconds(30), 10);

        Assert.Equal(3, claimed.Count);
    }

    [Fact]
    public async Task A_retried_message_waits_until_due_and_counts_its_attempts()
    {
        await Create(NewPost("p1"), Message("p1"));
        var message = Assert.Single(await Outbox.ClaimDueAsync(T0, TimeSpan.FromSeconds(30), 10));

        await Outbox.RetryAsync(message, T0.AddMinutes(1), "rate_limited");

        Assert.Empty(await Outbox.ClaimDueAsync(T0.AddSeconds(59), TimeSpan.FromSeconds(30), 10));
        var retried = Assert.Single(await Outbox.ClaimDueAsync(T0.AddMinutes(1), TimeSpan.FromSeconds(30), 10));
        Assert.Equal((1, "rate_limited"), (retried.Attempts, retried.LastError));
    }

    [Fact]
    public async Task A_deferred_message_waits_until_due_without_counting_an_attempt()
    {
        await Create(NewPost("p1"), Message("p1"));
        var message = Assert.Single(await Outbox.ClaimDueAsync(T0, TimeSpan.FromSeconds(30), 10));
        await Outbox.RetryAsync(message, T0, "timeout");
        message = Assert.Single(await Outbox.ClaimDueAsync(T0, TimeSpan.FromSeconds(30), 10));

        await Outbox.DeferAsync(message, T0.AddSeconds(20), "pacing");

        Assert.Empty(await Outbox.ClaimDueAsync(T0.AddSeconds(19), TimeSpan.FromSeconds(30), 10));
        var deferred = Assert.Single(await Outbox.ClaimDueAsync(T0.AddSeconds(20), TimeSpan.FromSeconds(30), 10));
        Assert.Equal((1, "pacing"), (deferred.Attempts, deferred.LastError));
    }

    [Fact]
    public async Task A_turn_further_off_than_the_longest_wait_is_not_taken_so_later_messages_are_not_pushed_back()
    {
        var limit = new PaceLimit(1, TimeSpan.FromSeconds(1)) { LongestWait = TimeSpan.FromSeconds(2) };
        Assert.Null(await Pace.ReserveAsync("slack:C1", "m1", limit, T0));
        Assert.Equal(TimeSpan.FromSeconds(1), await Pace.ReserveAsync("slack:C1", "m2", limit, T0));
        Assert.Equal(TimeSpan.FromSeconds(2), await Pace.ReserveAsync("slack:C1", "m3", limit, T0));

        // m4 and m5 would wait 3 s: they take nothing, and are told how long they would have waited.
        Assert.Equal(TimeSpan.FromSeconds(3), await Pace.ReserveAsync("slack:C1", "m4", limit, T0));
        Assert.Equal(TimeSpan.FromSeconds(3), await Pace.ReserveAsync("slack:C1", "m5", limit, T0));

        // A message with no limit on its wait queues right behind m3, where m4 would have been.
        Assert.Equal(TimeSpan.FromSeconds(3), await Pace.ReserveAsync("slack:C1", "m6", limit with { LongestWait = null }, T0));
        Assert.Null(await Pace.ReserveAsync("slack:C1", "m3", limit, T0.AddSeconds(2)));
    }

    [Fact]
    public async Task A_burst_beyond_the_posting_pace_gets_turns_in_order_and_each_message_keeps_its_turn()
    {
        var limit = new PaceLimit(3, TimeSpan.FromSeconds(1));
        for (var i = 1; i <= 3; i++)
        {
            Assert.Null(await Pace.ReserveAsync("slack:C1", $"m{i}", limit, T0));
        }

        Assert.Equal(TimeSpan.FromSeconds(1), await Pace.ReserveAsync("slack:C1", "m4", limit, T0));
        Assert.Equal(TimeSpan.FromSeconds(2), await Pace.ReserveAsync("slack:C1", "m5", limit, T0));
        Assert.Null(await Pace.ReserveAsync("slack:C2", "elsewhere", limit, T0));

        // Back early, m4 still has its turn; back on time, it goes; a newcomer then queues behind m5.
        Assert.Equal(TimeSpan.FromMilliseconds(500), await Pace.ReserveAsync("slack:C1", "m4", limit, T0.AddMilliseconds(500)));
        Assert.Null(await Pace.ReserveAsync("slack:C1", "m4", limit, T0.AddSeconds(1)));
        Assert.Equal(TimeSpan.FromSeconds(2), await Pace.ReserveAsync("slack:C1", "m6", limit, T0.AddSeconds(1)));

        // A quiet spell refills the bucket up to the burst, no further.
        var later = T0.AddMinutes(1);
        var waits = new List<TimeSpan?>();
        for (var i = 0; i < 4; i++)
        {
            waits.Add(await Pace.ReserveAsync("slack:C1", $"later-{i}", limit, later));
        }

        Assert.Equal([null, null, null, TimeSpan.FromSeconds(1)], waits);
    }

    [Fact]
    public async Task Sliding_windows_take_calls_while_every_window_has_room_and_say_when_the_next_fits()
    {
        PaceWindow[] windows = [new(TimeSpan.FromSeconds(1), 2), new(TimeSpan.FromSeconds(10), 3)];
        Assert.Null(await Pace.TryTakeAsync("teams:t1", windows, T0));
        Assert.Null(await Pace.TryTakeAsync("teams:t1", windows, T0.AddMilliseconds(100)));

        Assert.Equal(TimeSpan.FromMilliseconds(800), await Pace.TryTakeAsync("teams:t1", windows, T0.AddMilliseconds(200)));
        Assert.Null(await Pace.TryTakeAsync("teams:t2", windows, T0.AddMilliseconds(200)));
        Assert.Null(await Pace.TryTakeAsync("teams:t1", windows, T0.AddSeconds(1)));

        // Three in ten seconds: the next fits when the first leaves that window; a refused call takes nothing.
        Assert.Equal(TimeSpan.FromSeconds(8), await Pace.TryTakeAsync("teams:t1", windows, T0.AddSeconds(2)));
        Assert.Equal(TimeSpan.FromSeconds(1), await Pace.TryTakeAsync("teams:t1", windows, T0.AddSeconds(9)));
        Assert.Null(await Pace.TryTakeAsync("teams:t1", windows, T0.AddSeconds(10).AddMilliseconds(1)));
    }

    [Fact]
    public async Task A_failed_message_is_kept_counted_and_no_longer_blocks_later_ones()
    {
        await Create(NewPost("p1"), Message("p1", kind: OutboxKind.ShowCard), Message("p1", kind: OutboxKind.ThreadNote));
        var card = Assert.Single(await Outbox.ClaimDueAsync(T0, TimeSpan.FromSeconds(30), 10));

        await Outbox.FailAsync(card, "channel_not_found");

        Assert.Equal(new OutboxDepth(1, 1), await Outbox.DepthAsync());
        Assert.Equal(OutboxKind.ThreadNote, Assert.Single(await Outbox.ClaimDueAsync(T0, TimeSpan.FromSeconds(30), 10)).Kind);
    }

    [Fact]
    public async Task The_SLA_timer_follows_the_posts_next_due_time()
    {
        var post = NewPost("p1", claimDue: T0.AddMinutes(15));
        await Create(post);

        Assert.Empty(await Timers.ClaimDueAsync(T0.AddMinutes(14), TimeSpan.FromMinutes(1), 10));
        Assert.Equal(new DueTimer("p1", TestConfig.Stored(T0.AddMinutes(15))), Assert.Single(await Timers.ClaimDueAsync(T0.AddMinutes(15), TimeSpan.FromMinutes(1), 10)));
        Assert.Empty(await Timers.ClaimDueAsync(T0.AddMinutes(15).AddSeconds(30), TimeSpan.FromMinutes(1), 10));

        await Posts.SaveAsync(Change(post, p => p with { ClaimDueAt = null, ReplyDueAt = T0.AddMinutes(60) }));

        Assert.Empty(await Timers.ClaimDueAsync(T0.AddMinutes(30), TimeSpan.FromMinutes(1), 10));
        Assert.Equal(new DueTimer("p1", TestConfig.Stored(T0.AddMinutes(60))), Assert.Single(await Timers.ClaimDueAsync(T0.AddMinutes(60), TimeSpan.FromMinutes(1), 10)));
    }

    [Fact]
    public async Task Completing_an_old_timer_leaves_the_new_one()
    {
        var post = NewPost("p1", claimDue: T0.AddMinutes(15));
        await Create(post);
        var old = Assert.Single(await Timers.ClaimDueAsync(T0.AddMinutes(15), TimeSpan.FromMinutes(1), 10));
        await Posts.SaveAsync(Change(post, p => p with { ClaimDueAt = T0.AddMinutes(25) }));

        await Timers.CompleteAsync(old);

        Assert.Equal(new DueTimer("p1", TestConfig.Stored(T0.AddMinutes(25))), Assert.Single(await Timers.ClaimDueAsync(T0.AddMinutes(25), TimeSpan.FromMinutes(1), 10)));
    }

    [Fact]
    public async Task A_post_without_due_times_has_no_timer()
    {
        var post = NewPost("p1");
        await Create(post);

        await Posts.SaveAsync(Change(post, p => p with { State = PostState.Sent, ClaimDueAt = null, ReplyDueAt = null }, AuditAction.Send));

        Assert.Empty(await Timers.ClaimDueAsync(T0.AddDays(30), TimeSpan.FromMinutes(1), 10));
    }

    [Fact]
    public async Task A_due_timer_is_claimed_by_one_of_many_concurrent_claimers()
    {
        await Create(NewPost("p1"));

        var claims = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => Timers.ClaimDueAsync(T0.AddHours(1), TimeSpan.FromMinutes(1), 10))));

        Assert.Equal(1, claims.Sum(c => c.Count));
    }

    [Fact]
    public async Task Posts_are_found_by_thread_queue_state_and_owner()
    {
        var old = NewPost("old", at: T0) with { ThreadId = "t" };
        var newer = NewPost("new", externalId: "e-new", at: T0.AddMinutes(5)) with { ThreadId = "t" };
        await Create(old);
        await Create(newer);
        await Create(NewPost("billing", externalId: "e-b", queue: "billing", at: T0.AddMinutes(1)));
        await Posts.SaveAsync(Change(newer, p => p with { State = PostState.Closed }, AuditAction.Close));
        await Posts.SaveAsync(Change(old, p => p with { State = PostState.Claimed, Owner = "alice" }));

        Assert.Equal("old", (await Posts.FindActiveInThreadAsync("x", "t"))!.Id);
        Assert.Null(await Posts.FindActiveInThreadAsync("sms", "t"));
        Assert.Equal(["new", "billing", "old"], (await Posts.ListAsync(new PostQuery())).Select(p => p.Id));
        Assert.Equal(["billing"], (await Posts.ListAsync(new PostQuery { Queue = "billing" })).Select(p => p.Id));
        Assert.Equal(["billing", "old"], (await Posts.ListAsync(new PostQuery { States = [PostState.Open, PostState.Claimed] })).Select(p => p.Id));
        Assert.Equal(["old"], (await Posts.ListAsync(new PostQuery { Owner = "alice" })).Select(p => p.Id));
        Assert.Equal(["new"], (await Posts.ListAsync(new PostQuery { Limit = 1 })).Select(p => p.Id));
        var counts = await Posts.CountByStateAsync();
        Assert.Equal((1L, 1L, 1L, 0L), (counts[PostState.Open], counts[PostState.Claimed], counts[PostState.Closed], counts[PostState.Sent]));
    }

    [Fact]
    public async Task A_message_in_the_thread_of_an_active_post_is_not_stored_but_named_in_the_same_call()
    {
        var first = NewPost("first", externalId: "e1") with { ThreadId = "t" };
        await Create(first);
        var reply = NewPost("reply", externalId: "e2") with { ThreadId = "t" };

        var whileActive = await Posts.CreateAsync(new NewPost(reply, Event(reply, AuditAction.Received), [Message("reply")]) { UnlessThreadActive = true });
        var elsewhere = await Posts.CreateAsync(new NewPost(NewPost("other", externalId: "e3") with { ThreadId = "u" }, Event(reply, AuditAction.Received), []) { UnlessThreadActive = true });
        await Posts.SaveAsync(Change(first, p => p with { State = PostState.Closed }, AuditAction.Close));
        var afterClose = await Posts.CreateAsync(new NewPost(reply, Event(reply, AuditAction.Received), [Message("reply")]) { UnlessThreadActive = true });

        Assert.Equal(new CreateOutcome(false, "first") { ThreadActive = true }, whileActive);
        Assert.Equal(new CreateOutcome(true, "other"), elsewhere);
        Assert.Equal(new CreateOutcome(true, "reply"), afterClose);
        Assert.Equal("reply", await Posts.FindIngestedAsync(new IngestKey("x", "e2")));
        // Nothing of the message was written while the thread was active: one card for it, from the second call.
        Assert.Single(await Outbox.ClaimDueAsync(T0.AddDays(1), TimeSpan.FromMinutes(1), 100), m => m.PostId == "reply");
    }

    [Fact]
    public async Task Consent_keeps_the_latest_record_per_customer()
    {
        var consent = Store<IConsentStore>();

        await consent.SetAsync(new ConsentRecord("sms", "+1555", true, T0, "START"));
        await consent.SetAsync(new ConsentRecord("sms", "+1555", false, T0.AddMinutes(5), "STOP"));
        await consent.SetAsync(new ConsentRecord("sms", "+1555", true, T0.AddMinutes(1), "a late START"));

        var record = await consent.GetAsync("sms", "+1555");
        Assert.Equal((false, "STOP"), (record!.OptedIn, record.Evidence));
        Assert.Null(await consent.GetAsync("sms", "+1666"));
    }

    [Fact]
    public async Task A_consent_message_is_recorded_once_so_a_replay_never_undoes_a_later_change()
    {
        var consent = Store<IConsentStore>();

        Assert.True(await consent.RecordAsync(new ConsentRecord("sms", "+1555", true, T0, "START (s1)"), new IngestKey("sms", "s1")));
        Assert.True(await consent.RecordAsync(new ConsentRecord("sms", "+1555", false, T0.AddMinutes(5), "STOP (s2)"), new IngestKey("sms", "s2")));
        Assert.False(await consent.RecordAsync(new ConsentRecord("sms", "+1555", true, T0.AddMinutes(9), "START (s1)"), new IngestKey("sms", "s1")));
        Assert.True(await consent.RecordAsync(new ConsentRecord("sms", "+1555", true, T0.AddMinutes(1), "a late START (s3)"), new IngestKey("sms", "s3")));

        var record = await consent.GetAsync("sms", "+1555");
        Assert.Equal((false, "STOP (s2)"), (record!.OptedIn, record.Evidence));
        Assert.Equal(IConsentStore.NoPost, await Posts.FindIngestedAsync(new IngestKey("sms", "s1")));
        Assert.Null(await Posts.FindIngestedAsync(new IngestKey("sms", "s4")));
    }

    [Fact]
    public async Task Consent_carried_by_a_post_change_is_written_with_it_or_not_at_all()
    {
        var consent = Store<IConsentStore>();
        var post = NewPost("p1") with { Source = "sms", Author = new PostAuthor("+1555", "Ana Lopez") };
        await Create(post);
        var optIn = new ConsentRecord("sms", "+1555", true, T0.AddMinutes(2), "agreed on a call (recorded by Carol Nguyen)");
        var change = Change(post, p => p with { Consent = optIn }, AuditAction.RecordConsent) with { Consent = optIn };

        Assert.Equal(SaveOutcome.VersionConflict, await Posts.SaveAsync(change with { ExpectedVersion = 7 }));
        Assert.Null(await consent.GetAsync("sms", "+1555"));
        Assert.Equal(SaveOutcome.Saved, await Posts.SaveAsync(change));
        var recorded = await consent.GetAsync("sms", "+1555");
        Assert.Equal((true, optIn.Evidence), (recorded!.OptedIn, recorded.Evidence));
        Assert.Equal(optIn, (await Posts.GetAsync("p1"))!.Consent);

        // A STOP texted later stays: an older record carried by a change does not replace it.
        await consent.SetAsync(new ConsentRecord("sms", "+1555", false, T0.AddMinutes(9), "texted STOP"));
        var stale = optIn with { At = T0.AddMinutes(3) };
        Assert.Equal(SaveOutcome.Saved, await Posts.SaveAsync(Change(change.Post, p => p with { Consent = stale }, AuditAction.RecordConsent) with { Consent = stale }));
        Assert.False((await consent.GetAsync("sms", "+1555"))!.OptedIn);
    }

    [Fact]
    public async Task Sent_replies_are_counted_per_customer_and_marked_delivered()
    {
        var replies = Store<ISentReplies>();
        var post = NewPost("p1") with { Source = "sms" };
        await Create(post);
        var reply = new SentReply("Hi Ana, on its way.", "alice", T0.AddMinutes(1));
        var sent = Change(post, p => p with { Replies = [reply] }, AuditAction.Send) with { Reply = reply };
        await Posts.SaveAsync(sent);

        Assert.Equal(1, await replies.CountSinceAsync("sms", "@ana", T0));
        Assert.Equal(0, await replies.CountSinceAsync("sms", "@ana", T0.AddMinutes(2)));
        Assert.Null(await replies.DeliveredAtAsync("p1", 1));
        // Delivery is recorded with the post change that says so.
        var taken = reply with { Delivery = new ReplyDelivery(ReplyDeliveryStatus.Sent, T0.AddMinutes(3)) { ExternalId = "sms-123" } };
        Assert.Equal(SaveOutcome.Saved, await Posts.SaveAsync(Change(sent.Post, p => p with { Replies = [taken] }, AuditAction.DeliveryReported) with { Reached = new ReplyReached(1, T0.AddMinutes(3), "sms-123") }));
        Assert.Equal(TestConfig.Stored(T0.AddMinutes(3)), await replies.DeliveredAtAsync("p1", 1));
        Assert.Equal("sms-123", (await Posts.GetAsync("p1"))!.Replies[0].Delivery.ExternalId);
    }

    [Fact]
    public async Task A_card_reference_is_kept_by_whoever_stored_it_first()
    {
        var cards = Store<ICardReferences>();

        var first = await cards.SetIfAbsentAsync("p1", "slack:card", "C1/111.222");
        var second = await cards.SetIfAbsentAsync("p1", "slack:card", "C1/333.444");

        Assert.Equal(("C1/111.222", "C1/111.222"), (first, second));
        Assert.Equal("C1/111.222", await cards.GetAsync("p1", "slack:card"));
        Assert.Null(await cards.GetAsync("p1", "teams:card"));
    }

    [Fact]
    public async Task A_card_reference_leads_back_to_its_post()
    {
        var cards = Store<ICardReferences>();
        await cards.SetIfAbsentAsync("p1", "slack:card", "C1/111.222");
        await cards.SetIfAbsentAsync("p2", "slack:card", "C1/333.444");
        await cards.SetIfAbsentAsync("p2", "slack:card", "C1/555.666");

        Assert.Equal("p1", await cards.FindPostAsync("slack:card", "C1/111.222"));
        Assert.Equal("p2", await cards.FindPostAsync("slack:card", "C1/333.444"));
        Assert.Null(await cards.FindPostAsync("slack:card", "C1/555.666"));
        Assert.Null(await cards.FindPostAsync("slack:approval", "C1/111.222"));
    }

    [Fact]
    public async Task A_card_reference_is_removed_only_while_it_is_the_one_named()
    {
        var cards = Store<ICardReferences>();
        await cards.SetIfAbsentAsync("p1", "slack:card:attempt", "C1|1");

        await cards.RemoveAsync("p1", "slack:card:attempt", "C1|2");
        Assert.Equal("C1|1", await cards.GetAsync("p1", "slack:card:attempt"));

        await cards.RemoveAsync("p1", "slack:card:attempt", "C1|1");
        Assert.Null(await cards.GetAsync("p1", "slack:card:attempt"));
        Assert.Equal("C1|3", await cards.SetIfAbsentAsync("p1", "slack:card:attempt", "C1|3"));
    }

    [Fact]
    public async Task An_idempotency_key_is_new_once_until_it_expires()
    {
        var keys = Store<IIdempotencyKeys>();

        Assert.True(await keys.TryRecordAsync("slack:event:Ev01", T0, TimeSpan.FromHours(1)));
        Assert.False(await keys.TryRecordAsync("slack:event:Ev01", T0.AddMinutes(59), TimeSpan.FromHours(1)));
        Assert.True(await keys.TryRecordAsync("slack:event:Ev02", T0, TimeSpan.FromHours(1)));
        Assert.True(await keys.TryRecordAsync("slack:event:Ev01", T0.AddHours(1), TimeSpan.FromHours(1)));
        Assert.False(await keys.TryRecordAsync("slack:event:Ev01", T0.AddHours(1).AddMinutes(1), TimeSpan.FromHours(1)));
    }

    [Fact]
    public async Task Purging_expired_idempotency_keys_keeps_live_ones()
    {
        var keys = Store<IIdempotencyKeys>();
        await keys.TryRecordAsync("old", T0, TimeSpan.FromMinutes(5));
        await keys.TryRecordAsync("live", T0, TimeSpan.FromHours(5));

        await keys.PurgeExpiredAsync(T0.AddHours(1));

        Assert.False(await keys.TryRecordAsync("live", T0.AddHours(1), TimeSpan.FromHours(5)));
        Assert.True(await keys.TryRecordAsync("old", T0.AddHours(1), TimeSpan.FromHours(5)));
    }

    [Fact]
    public async Task Of_concurrent_callers_with_one_idempotency_key_exactly_one_is_first()
    {
        var keys = Store<IIdempotencyKeys>();

        var firsts = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => keys.TryRecordAsync("teams:activity:1", T0, TimeSpan.FromHours(1)))));

        Assert.Single(firsts, first => first);
    }

    [Fact]
    public async Task The_store_reports_ready()
    {
        Assert.True(await Store<IStoreHealth>().IsReadyAsync());
    }
}
