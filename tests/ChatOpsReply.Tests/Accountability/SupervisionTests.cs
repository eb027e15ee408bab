using System.Net;
using ChatOpsReply.Delivery;
using ChatOpsReply.Posts;
using ChatOpsReply.Posts.Figures;
using ChatOpsReply.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsReply.Tests.Accountability;

/// <summary>
/// Supervision, not confiscation: a missed reply leaves the post and its draft with its owner while
/// the tier above is told and may take over; leads and managers hand posts back down the chain.
/// </summary>
public sealed class SupervisionTests : IDisposable
{
    private const string Typed = "Hi Ana, I found your parcel in our depot and it leaves today";

    private readonly RecordingSurface _surface = new();
    private readonly ServiceHost _host;

    public SupervisionTests() => _host = new ServiceHost(services: s => s.AddSingleton<IChatSurface>(_surface));

    [Fact]
    public async Task A_missed_reply_keeps_the_owner_and_the_typed_draft_and_the_lead_can_take_over()
    {
        var postId = await _host.ReceiveAsync("Where is my parcel?");
        var alice = new ConsoleSession(_host.NewClient());
        await alice.SignInAsync("alice");
        await alice.ClickAsync(postId, nameof(PostTrigger.Claim));
        await alice.SaveDraftAsync(postId, Typed);

        await _host.AdvanceAsync(TimeSpan.FromMinutes(45));

        var post = await _host.PostAsync(postId);
        Assert.Equal((PostState.Claimed, "alice", 1, 1), (post.State, post.Owner, post.Tier, post.SlaBreaches));
        // The lead tier's own reply limit runs now.
        Assert.Equal(Ms(_host.Time.GetUtcNow().AddMinutes(30)), Ms(post.ReplyDueAt));
        var alicesPage = await alice.PageAsync($"/console/posts/{postId}");
        Assert.Contains(WebUtility.HtmlEncode(Typed), alicesPage, StringComparison.Ordinal);
        Assert.Contains(nameof(PostTrigger.SubmitDraft), ConsoleSession.Buttons(alicesPage));
        Assert.DoesNotContain(nameof(PostTrigger.TakeOver), ConsoleSession.Buttons(alicesPage));

        await _host.DeliverAsync();
        Assert.Contains(_surface.Of(OutboxKind.ThreadNote), m => m.Text == "SLA missed (no reply within 45 min at frontline): Alice Martin keeps it, lead can take over");
        var told = Assert.Single(_surface.Of(OutboxKind.Notify));
        Assert.Equal(["carol"], told.People);
        Assert.Equal("Alice Martin has had no reply within 45 min at frontline. Alice Martin keeps the post and the draft; take it over if they need a hand.", told.Text);
        var breach = (await _host.Service<IAuditTrail>().ForPostAsync(postId)).Single(e => e.Action == AuditAction.SlaBreached);
        Assert.Equal("no reply within 45 min at frontline", breach.Detail);

        var carol = new ConsoleSession(_host.NewClient());
        await carol.SignInAsync("carol");
        Assert.Contains(nameof(PostTrigger.TakeOver), ConsoleSession.Buttons(await carol.PageAsync($"/console/posts/{postId}")));
        // The overdue post waits on the lead now, at the top of her console.
        Assert.Contains("Needs you (1)", await carol.PageAsync("/console"), StringComparison.Ordinal);
        await carol.ClickAsync(postId, nameof(PostTrigger.TakeOver));

        var taken = await _host.PostAsync(postId);
        Assert.Equal((PostState.Claimed, "carol", (string?)null), (taken.State, taken.Owner, taken.ReplyMissedBy));
        // Carol's reply box starts from Alice's words.
        Assert.Contains(WebUtility.HtmlEncode(Typed), await carol.PageAsync($"/console/posts/{postId}"), StringComparison.Ordinal);
        await _host.DeliverAsync();
        Assert.Contains(_surface.Of(OutboxKind.Notify), m => m.People.SequenceEqual(["alice"]) && m.Text == "Carol Nguyen took this post over from you; your draft stays with it.");
        Assert.Contains(_surface.Of(OutboxKind.ThreadNote), m => m.Text == "Carol Nguyen took this over from Alice Martin");
    }

    [Fact]
    public async Task Nobody_takes_over_a_post_whose_owner_is_still_in_time()
    {
        var postId = await _host.ReceiveAsync("Where is my parcel?");
        await _host.ActAsync(postId, PostTrigger.Claim, "alice");

        var result = await _host.ActAsync(postId, PostTrigger.TakeOver, "carol");

        Assert.Equal(CommandOutcome.Rejected, result.Outcome);
        Assert.Contains("Alice Martin has not missed a reply limit on this post: ask them or a lead to hand it over.", result.Reasons);
        Assert.Equal("alice", (await _host.PostAsync(postId)).Owner);
    }

    [Fact]
    public async Task Frontline_colleagues_cannot_take_over_an_overdue_post()
    {
        var postId = await _host.ReceiveAsync("Where is my parcel?");
        await _host.ActAsync(postId, PostTrigger.Claim, "alice");
        await _host.AdvanceAsync(TimeSpan.FromMinutes(45));

        var result = await _host.ActAsync(postId, PostTrigger.TakeOver, "bob");

        Assert.Equal(CommandOutcome.Rejected, result.Outcome);
        Assert.Contains("Only people in the lead, manager or crisis tiers of Support can take over this post.", result.Reasons);
    }

    [Fact]
    public async Task A_reply_still_missing_at_the_lead_tier_tells_the_manager_and_the_owner_still_holds_it()
    {
        var postId = await _host.ReceiveAsync("Where is my parcel?");
        await _host.ActAsync(postId, PostTrigger.Claim, "alice");
        await _host.AdvanceAsync(TimeSpan.FromMinutes(45));
        await _host.AdvanceAsync(TimeSpan.FromMinutes(30));

        var post = await _host.PostAsync(postId);
        Assert.Equal((PostState.Claimed, "alice", 2, 2), (post.State, post.Owner, post.Tier, post.SlaBreaches));
        await _host.DeliverAsync();
        Assert.Equal(["carol", "dan"], _surface.Of(OutboxKind.Notify).Select(m => string.Join(",", m.People)));
        Assert.Contains(PostTrigger.TakeOver, _host.Service<PostWorkflow>().AvailableTo(post, TestConfig.Person("dan")));

        // Alice finishes after all: her reply goes out, and the offer to take over ends with it.
        await _host.ActAsync(postId, PostTrigger.SubmitDraft, "alice", new DraftInput(TestPosts.GoodReply));
        await _host.ActAsync(postId, PostTrigger.Send, "alice");
        var sent = await _host.PostAsync(postId);
        Assert.Equal((PostState.Sent, (string?)null), (sent.State, sent.ReplyMissedBy));
    }

    [Fact]
    public async Task A_lead_gives_an_escalated_post_back_to_frontline_with_the_reason_in_its_history()
    {
        var postId = await _host.ReceiveAsync("Where is my parcel?");
        await _host.AdvanceAsync(TimeSpan.FromMinutes(15));
        Assert.Equal((PostState.Escalated, 1), ((await _host.PostAsync(postId)).State, (await _host.PostAsync(postId)).Tier));

        var result = await _host.ActAsync(postId, PostTrigger.Reassign, "carol", new HandOverInput("alice") { Comment = "Alice is back from lunch" });

        Assert.Equal(CommandOutcome.Applied, result.Outcome);
        var post = await _host.PostAsync(postId);
        Assert.Equal((PostState.Claimed, "alice", 0), (post.State, post.Owner, post.Tier));
        // Frontline's own reply limit starts now.
        Assert.Equal(Ms(_host.Time.GetUtcNow().AddMinutes(45)), Ms(post.ReplyDueAt));
        var history = await _host.Service<IAuditTrail>().ForPostAsync(postId);
        Assert.Contains(history, e => e.Action == AuditAction.SlaBreached && e.Detail == "not claimed within 15 min at frontline");
        var handOver = history.Single(e => e.Action == AuditAction.Reassign);
        Assert.Equal(("carol", "Alice is back from lunch", "to Alice Martin, back to frontline"), (handOver.ActorId, handOver.Comment, handOver.Detail));
        await _host.DeliverAsync();
        Assert.Contains(_surface.Of(OutboxKind.ThreadNote), m => m.Text == "Carol Nguyen handed this back to Alice Martin (frontline): Alice is back from lunch");
        Assert.Contains(_surface.Of(OutboxKind.Notify), m => m.People.SequenceEqual(["alice"]) && m.Text == "Carol Nguyen handed this post to you: Alice is back from lunch.");
    }

    [Fact]
    public async Task The_figures_count_each_breach_against_the_tier_that_had_the_post_when_it_happened()
    {
        var postId = await _host.ReceiveAsync("Where is my parcel?");
        // Frontline misses the claim: the lead has it, then gives it back; Alice misses the reply, so the lead is told again.
        await _host.AdvanceAsync(TimeSpan.FromMinutes(15));
        await _host.ActAsync(postId, PostTrigger.Reassign, "carol", new HandOverInput("alice") { Comment = "Alice is back from lunch" });
        await _host.AdvanceAsync(TimeSpan.FromMinutes(45));
        Assert.Equal(("alice", 1, 2), ((await _host.PostAsync(postId)).Owner, (await _host.PostAsync(postId)).Tier, (await _host.PostAsync(postId)).SlaBreaches));

        var now = _host.Time.GetUtcNow();
        var figures = await _host.Service<FiguresReport>().ComputeAsync(new FiguresQuery(now.AddDays(-1), now, TimeZoneInfo.Utc));

        var counted = Assert.Single(figures.BreachesByTier);
        Assert.Equal(("support", "frontline", 2, 1), (counted.Queue, counted.TierName, counted.Breaches, counted.Posts));
    }

    [Fact]
    public async Task A_manager_hands_posts_down_to_a_lead_and_to_frontline()
    {
        var first = await _host.ReceiveAsync("Where is my parcel?");
        var second = await _host.ReceiveAsync("My order is late.", externalId: "late-1");
        await _host.AdvanceAsync(TimeSpan.FromMinutes(15));
        await _host.AdvanceAsync(TimeSpan.FromMinutes(10));
        Assert.All(await Task.WhenAll(_host.PostAsync(first), _host.PostAsync(second)), p => Assert.Equal(2, p.Tier));

        await _host.ActAsync(first, PostTrigger.Reassign, "dan", new HandOverInput("carol") { Comment = "Carol knows this customer" });
        await _host.ActAsync(second, PostTrigger.Reassign, "dan", new HandOverInput("bob") { Comment = "A simple one" });

        var toLead = await _host.PostAsync(first);
        var toFrontline = await _host.PostAsync(second);
        Assert.Equal(("carol", 1, Ms(_host.Time.GetUtcNow().AddMinutes(30))), (toLead.Owner, toLead.Tier, Ms(toLead.ReplyDueAt)));
        Assert.Equal(("bob", 0, Ms(_host.Time.GetUtcNow().AddMinutes(45))), (toFrontline.Owner, toFrontline.Tier, Ms(toFrontline.ReplyDueAt)));
    }

    [Fact]
    public async Task Someone_outside_the_chain_is_never_handed_a_post()
    {
        var postId = await _host.ReceiveAsync("Where is my parcel?");
        await _host.AdvanceAsync(TimeSpan.FromMinutes(25));

        var result = await _host.ActAsync(postId, PostTrigger.Reassign, "dan", new HandOverInput("olga"));

        Assert.Equal(CommandOutcome.Rejected, result.Outcome);
        Assert.Contains("Olga Outsider is not in the frontline tier of Support or above.", result.Reasons);
        Assert.Equal(PostState.Escalated, (await _host.PostAsync(postId)).State);
    }

    /// <summary>A due time to the millisecond, as stores keep it.</summary>
    private static long? Ms(DateTimeOffset? at) => at?.ToUnixTimeMilliseconds();

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteFolder();
    }
}
