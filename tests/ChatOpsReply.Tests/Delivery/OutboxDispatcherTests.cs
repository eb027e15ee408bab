using ChatOpsReply.Cards;
using ChatOpsReply.Delivery;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsReply.Tests.Delivery;

/// <summary>The outbox from a surface's point of view: everything arrives, in order, however often the surface fails first.</summary>
public sealed class OutboxDispatcherTests : IDisposable
{
    private readonly RecordingSurface _surface = new();
    private readonly ServiceHost _host;

    public OutboxDispatcherTests()
    {
        _host = new ServiceHost(services: s => s.AddSingleton<IChatSurface>(_surface));
    }

    [Fact]
    public async Task A_new_post_shows_its_card_and_every_transition_refreshes_it_and_adds_a_note()
    {
        var postId = await _host.ReceiveAsync("Where is my order?");
        _host.Time.Advance(TimeSpan.FromMinutes(3));
        await _host.ActAsync(postId, PostTrigger.Claim, "alice");

        await _host.DeliverAsync();

        Assert.Equal(
            [(OutboxKind.ShowCard, (string?)null), (OutboxKind.ShowCard, null), (OutboxKind.ThreadNote, "Alice Martin claimed this · 3 min after it arrived")],
            _surface.Delivered.Select(d => (d.Message.Kind, d.Message.Text)));
        Assert.Equal(new OutboxDepth(0, 0), await _host.Service<IOutbox>().DepthAsync());
    }

    [Fact]
    public async Task A_message_stays_in_the_outbox_until_the_surface_accepts_it()
    {
        _surface.Fail(2, SurfaceDelivery.Retry("HTTP 503"));
        await _host.ReceiveAsync("Where is my order?");

        await _host.DeliverAsync();
        Assert.Empty(_surface.Delivered);
        Assert.Equal(1, (await _host.Service<IOutbox>().DepthAsync()).Pending);

        _host.Time.Advance(TimeSpan.FromSeconds(3));
        await _host.DeliverAsync();
        Assert.Empty(_surface.Delivered);

        _host.Time.Advance(TimeSpan.FromSeconds(5));
        await _host.DeliverAsync();
        Assert.Single(_surface.Delivered);
        Assert.Equal(3, _surface.Attempts);
        Assert.Equal(new OutboxDepth(0, 0), await _host.Service<IOutbox>().DepthAsync());
    }

    [Fact]
    public async Task A_platform_retry_after_is_honoured()
    {
        _surface.Fail(1, SurfaceDelivery.Retry("rate_limited", TimeSpan.FromSeconds(30)));
        await _host.ReceiveAsync("Where is my order?");
        await _host.DeliverAsync();

        _host.Time.Advance(TimeSpan.FromSeconds(29));
        await _host.DeliverAsync();
        Assert.Empty(_surface.Delivered);

        _host.Time.Advance(TimeSpan.FromSeconds(1));
        await _host.DeliverAsync();
        Assert.Single(_surface.Delivered);
    }

    [Fact]
    public async Task A_card_is_delivered_before_the_notes_that_follow_it_even_after_failures()
    {
        _surface.Fail(1, SurfaceDelivery.Retry("timeout"));
        var postId = await _host.ReceiveAsync("Where is my order?");
        await _host.ActAsync(postId, PostTrigger.Claim, "alice");
        await _host.ActAsync(postId, PostTrigger.Release, "alice");

        await _host.DeliverAsync();
        _host.Time.Advance(TimeSpan.FromMinutes(1));
        await _host.DeliverAsync();

        Assert.Equal(
            [OutboxKind.ShowCard, OutboxKind.ShowCard, OutboxKind.ThreadNote, OutboxKind.ShowCard, OutboxKind.ThreadNote],
            _surface.Delivered.Select(d => d.Message.Kind));
    }

    [Fact]
    public async Task A_permanent_failure_is_kept_for_an_operator_and_does_not_block_the_rest()
    {
        _surface.Fail(1, SurfaceDelivery.Failed("channel_not_found"));
        var postId = await _host.ReceiveAsync("Where is my order?");
        await _host.ActAsync(postId, PostTrigger.Claim, "alice");

        await _host.DeliverAsync();

        Assert.Equal([OutboxKind.ShowCard, OutboxKind.ThreadNote], _surface.Delivered.Select(d => d.Message.Kind));
        Assert.Equal(new OutboxDepth(0, 1), await _host.Service<IOutbox>().DepthAsync());
    }

    [Fact]
    public async Task After_the_last_attempt_a_message_is_given_up_on()
    {
        using var host = new ServiceHost(new Dictionary<string, string?> { ["Delivery:MaxAttempts"] = "3" }, s => s.AddSingleton<IChatSurface>(_surface));
        _surface.Fail(10, SurfaceDelivery.Retry("HTTP 500"));
        await host.ReceiveAsync("Where is my order?");

        for (var i = 0; i < 5; i++)
        {
            await host.DeliverAsync();
            host.Time.Advance(TimeSpan.FromMinutes(10));
        }

        Assert.Equal(3, _surface.Attempts);
        Assert.Equal(new OutboxDepth(0, 1), await host.Service<IOutbox>().DepthAsync());
        host.DeleteFolder();
    }

    [Fact]
    public async Task Backoff_grows_exponentially_up_to_the_cap_with_jitter()
    {
        var options = new DeliveryOptions { FirstRetryDelay = TimeSpan.FromSeconds(2), MaxRetryDelay = TimeSpan.FromMinutes(5) };

        for (var attempt = 0; attempt < 15; attempt++)
        {
            var expected = Math.Min(2 * Math.Pow(2, attempt), 300);
            var delay = OutboxDispatcher.Backoff(attempt, options).TotalSeconds;
            Assert.InRange(delay, expected * 0.8, expected * 1.2);
        }

        await Task.CompletedTask;
    }

    [Fact]
    public async Task A_sent_reply_is_delivered_to_the_source_and_recorded()
    {
        var sender = new AcceptingReplySender();
        using var host = new ServiceHost(services: s => s.AddSingleton<IReplySender>(sender));
        var postId = await host.ReceiveAsync("Where is my order?");
        await host.ActAsync(postId, PostTrigger.Claim, "alice");
        await host.ActAsync(postId, PostTrigger.SubmitDraft, "alice", new DraftInput("Hi Ana, your parcel left our warehouse today."));
        host.Time.Advance(TimeSpan.FromMinutes(1));
        await host.ActAsync(postId, PostTrigger.Send, "alice");
        Assert.Null(await host.Service<ISentReplies>().DeliveredAtAsync(postId, 1));

        await host.DeliverAsync();

        Assert.Equal(TestConfig.Stored(host.Time.GetUtcNow()), await host.Service<ISentReplies>().DeliveredAtAsync(postId, 1));
        Assert.Equal(["Hi Ana, your parcel left our warehouse today."], sender.Sent);
        host.DeleteFolder();
    }

    [Fact]
    public async Task A_reply_to_a_source_no_sender_takes_says_plainly_that_it_was_not_delivered()
    {
        var postId = await _host.ReceiveAsync("Where is my order?", source: "web-form");
        await _host.ActAsync(postId, PostTrigger.Claim, "alice");
        await _host.ActAsync(postId, PostTrigger.SubmitDraft, "alice", new DraftInput("Hi Ana, your parcel left our warehouse today."));
        await _host.ActAsync(postId, PostTrigger.Send, "alice");

        await _host.DeliverAsync();

        var post = await _host.PostAsync(postId);
        Assert.Equal(ReplyDeliveryStatus.NoSender, post.Replies[0].Delivery.Status);
        Assert.Null(await _host.Service<ISentReplies>().DeliveredAtAsync(postId, 1));
        var card = _host.Service<PostCardBuilder>().Build(post, null);
        Assert.Equal("Not delivered", card.StateLabel);
        Assert.Contains(new CardFact("Delivery", "Not delivered: no sender for this source"), card.Facts);
        Assert.Equal(new OutboxDepth(0, 0), await _host.Service<IOutbox>().DepthAsync());
        var line = (await _host.Service<IAuditTrail>().ForPostAsync(postId))[^1];
        Assert.Equal((AuditAction.DeliveryReported, "delivery", "Not delivered: no sender for this source"), (line.Action, line.Surface, line.Detail));
    }

    [Fact]
    public async Task Two_replies_sent_while_the_source_is_down_are_each_delivered_once_in_order()
    {
        var sender = new AcceptingReplySender();
        using var host = new ServiceHost(services: s => s.AddSingleton<IReplySender>(sender));
        var postId = await host.ReceiveAsync("Where is my order?", handle: "@ana");
        await host.ActAsync(postId, PostTrigger.Claim, "alice");
        await host.ActAsync(postId, PostTrigger.SubmitDraft, "alice", new DraftInput("Hi Ana, it left our warehouse this morning."));
        await host.ActAsync(postId, PostTrigger.Send, "alice");
        sender.Down = true;
        await host.DeliverAsync();
        await host.ReceiveAsync("And when will it arrive?", threadId: (await host.PostAsync(postId)).ThreadId);
        await host.ActAsync(postId, PostTrigger.SubmitDraft, "alice", new DraftInput("Hi Ana, it should arrive tomorrow before noon."));
        await host.ActAsync(postId, PostTrigger.Send, "alice");

        sender.Down = false;
        host.Time.Advance(TimeSpan.FromMinutes(1));
        await host.DeliverAsync();

        Assert.Equal(["Hi Ana, it left our warehouse this morning.", "Hi Ana, it should arrive tomorrow before noon."], sender.Sent);
        host.DeleteFolder();
    }

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteFolder();
    }
}
