using System.Text.Json;
using ChatOpsReply.Accountability;
using ChatOpsReply.Cards;
using ChatOpsReply.Delivery;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsReply.Tests.Delivery;

/// <summary>
/// A reply's delivery as people see it, through the generic reply URL (real HTTP to a receiver on
/// 127.0.0.1 that can fail on demand): the card and the history say Sending, then Sent, or Not
/// delivered with the reason and a Retry for the owner, or "may not have been delivered" with Check
/// and resend; nothing is sent twice without the owner's click. Run on SQLite and on Redis.
/// </summary>
public abstract class ReplyDeliveryTests : IAsyncLifetime
{
    private const string Reply = "Hello Ana, your parcel left our depot this morning and arrives tomorrow.";
    private readonly RecordingSurface _surface = new();
    private FakePlatform _receiver = null!;
    private ServiceHost _host = null!;

    /// <summary>The store's settings (SQLite by default).</summary>
    protected abstract IDictionary<string, string?> Store { get; }

    private ForgetfulOutbox? Forgetful { get; set; }

    public async Task InitializeAsync()
    {
        _receiver = await FakePlatform.StartAsync(_ => (200, """{"id":"helpdesk-771"}"""));
        _host = Host();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _host.DeleteFolder();
        await _receiver.DisposeAsync();
    }

    private ServiceHost Host(int maxAttempts = 12, bool forgetful = false)
    {
        var settings = new Dictionary<string, string?>(Store)
        {
            ["Sources:Generic:ReplyUrl"] = _receiver.Url + "replies",
            ["Sources:Generic:ReplyTimeout"] = "00:00:02",
            ["Delivery:MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return new ServiceHost(settings, services =>
        {
            services.AddSingleton<IChatSurface>(_surface);
            if (forgetful)
            {
                // The outbox forgets to let go of a reply once, as if the store went away right after the post was written.
                var registered = services.Last(d => d.ServiceType == typeof(IOutbox));
                services.Remove(registered);
                services.AddSingleton(registered.ImplementationType!);
                services.AddSingleton<IOutbox>(sp => Forgetful = new ForgetfulOutbox((IOutbox)sp.GetRequiredService(registered.ImplementationType!)));
            }
        });
    }

    [Fact]
    public async Task The_card_says_sending_until_the_platform_takes_the_reply_then_sent_and_the_history_says_so()
    {
        var postId = await SendAsync(_host);

        var sending = Card(await _host.PostAsync(postId), "alice");
        Assert.Equal("Sending", sending.StateLabel);
        Assert.Equal(CardTone.Neutral, sending.Tone);
        Assert.Contains(new CardFact("Delivery", "Sending…"), sending.Facts);
        Assert.Null(await _host.Service<ISentReplies>().DeliveredAtAsync(postId, 1));

        await _host.DeliverAsync();

        var post = await _host.PostAsync(postId);
        var sent = Card(post, "alice");
        var at = $"{_host.Time.GetUtcNow().UtcDateTime:HH:mm}";
        Assert.Equal(("Answered", CardTone.Good), (sent.StateLabel, sent.Tone));
        Assert.Contains(new CardFact("Delivery", $"Sent on helpdesk at {at} UTC"), sent.Facts);
        Assert.Equal((ReplyDeliveryStatus.Sent, "helpdesk-771"), (post.Replies[0].Delivery.Status, post.Replies[0].Delivery.ExternalId));
        Assert.Equal(TestConfig.Stored(_host.Time.GetUtcNow()), await _host.Service<ISentReplies>().DeliveredAtAsync(postId, 1));
        var line = (await _host.Service<IAuditTrail>().ForPostAsync(postId))[^1];
        Assert.Equal((AuditAction.DeliveryReported, "system", "delivery", $"Sent on helpdesk at {at} UTC (helpdesk-771)"), (line.Action, line.ActorId, line.Surface, line.Detail));
        // Every surface was shown the card again once the platform had the reply.
        Assert.Equal(PostState.Sent, _surface.Delivered.Last(d => d.Message.Kind == OutboxKind.ShowCard).State);
    }

    [Fact]
    public async Task A_429_storm_and_a_500_storm_are_retried_until_the_platform_takes_the_reply_once()
    {
        _receiver.RateLimit(seconds: 3, times: 6);
        _receiver.Fail(times: 5);
        var postId = await SendAsync(_host);

        for (var i = 0; i < 40 && (await _host.PostAsync(postId)).Replies[0].Delivery.Status == ReplyDeliveryStatus.Pending; i++)
        {
            await _host.DeliverAsync();
            _host.Time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(12, _receiver.Calls.Count);
        Assert.Single(_receiver.Calls.Select(c => JsonDocument.Parse(c.Body).RootElement.GetProperty("deliveryId").GetString()).Distinct());
        var post = await _host.PostAsync(postId);
        Assert.Equal(ReplyDeliveryStatus.Sent, post.Replies[0].Delivery.Status);
        Assert.Equal("Answered", Card(post, "alice").StateLabel);
        Assert.Single(await _host.Service<IAuditTrail>().ForPostAsync(postId), e => e.Action == AuditAction.DeliveryReported);
        Assert.Equal(new OutboxDepth(0, 0), await _host.Service<IOutbox>().DepthAsync());
    }

    [Fact]
    public async Task An_outage_that_outlasts_the_retries_fails_with_the_reason_and_a_retry_for_the_owner_alone()
    {
        await using var host = Host(maxAttempts: 3);
        _receiver.Fail(times: 3);
        var postId = await SendAsync(host);
        for (var i = 0; i < 3; i++)
        {
            await host.DeliverAsync();
            host.Time.Advance(TimeSpan.FromMinutes(1));
        }

        var post = await host.PostAsync(postId);
        var reason = "Not delivered: The reply URL answered HTTP 500. ChatOpsReply tried 3 times and stopped.";
        var owners = Card(post, "alice", host);
        Assert.Equal(("Not delivered", CardTone.Attention), (owners.StateLabel, owners.Tone));
        Assert.Contains(new CardBadge("Not delivered", CardTone.Attention), owners.Badges);
        Assert.Contains(new CardFact("Delivery", reason), owners.Facts);
        Assert.Equal(("Retry", CardActionStyle.Primary), owners.Actions.Where(a => a.Id == nameof(PostTrigger.Resend)).Select(a => (a.Label, a.Style)).Single());
        Assert.DoesNotContain(Card(post, "bob", host).Actions, a => a.Id == nameof(PostTrigger.Resend));
        Assert.Contains(_surface.Of(OutboxKind.Notify), m => m.People.SequenceEqual(["alice"]) && m.Text == "Your reply to Ana was not delivered: The reply URL answered HTTP 500. ChatOpsReply tried 3 times and stopped. Retry when you are ready.");

        var bobs = await host.ActAsync(postId, PostTrigger.Resend, "bob");
        Assert.Equal("Only Alice Martin, who owns this post, can send the reply again.", bobs.Message);
        Assert.Equal(CommandOutcome.Applied, (await host.ActAsync(postId, PostTrigger.Resend, "alice")).Outcome);
        await host.DeliverAsync();

        Assert.Equal(4, _receiver.Calls.Count);
        Assert.Single(_receiver.Calls.Select(c => JsonDocument.Parse(c.Body).RootElement.GetProperty("deliveryId").GetString()).Distinct());
        var delivered = (await host.PostAsync(postId)).Replies[0].Delivery;
        Assert.Equal((ReplyDeliveryStatus.Sent, 2), (delivered.Status, delivered.Attempt));
        host.DeleteFolder();
    }

    [Fact]
    public async Task An_unknown_outcome_is_never_sent_again_until_the_owner_has_looked_and_says_what_they_found()
    {
        _receiver.Hang();
        var lost = await SendAsync(_host);
        await _host.DeliverAsync();
        _host.Time.Advance(TimeSpan.FromHours(1));
        await _host.DeliverAsync();

        Assert.Single(_receiver.Calls);
        var post = await _host.PostAsync(lost);
        var card = Card(post, "alice");
        Assert.Equal("May not have been delivered", card.StateLabel);
        Assert.Contains(new CardBadge("May not have been delivered", CardTone.Attention), card.Badges);
        Assert.StartsWith("May not have been delivered: The reply URL did not answer after the reply was sent", card.Facts.Single(f => f.Label == "Delivery").Value, StringComparison.Ordinal);
        var resend = card.Actions.Single(a => a.Id == nameof(PostTrigger.Resend));
        Assert.Equal("Check and resend", resend.Label);
        var check = Assert.Single(resend.Inputs);
        Assert.Equal((CommandInputFields.Checked, "Look on helpdesk first: did Ana get the reply?"), (check.Id, check.Label));
        Assert.Equal([CommandInputFields.NotThere, CommandInputFields.Arrived], check.Choices!.Select(c => c.Value));

        // A click that says nothing about what was found sends nothing.
        var blind = await _host.ActAsync(lost, PostTrigger.Resend, "alice");
        Assert.Equal("Check on helpdesk whether Ana got the reply, then say what you found: it is never sent twice without a look.", blind.Message);
        await _host.DeliverAsync();
        Assert.Single(_receiver.Calls);

        // It was there after all: recorded as sent, nothing sent.
        Assert.Equal(CommandOutcome.Applied, (await _host.ActAsync(lost, PostTrigger.Resend, "alice", new ResendInput(ResendCheck.Arrived))).Outcome);
        await _host.DeliverAsync();
        Assert.Single(_receiver.Calls);
        var found = await _host.PostAsync(lost);
        Assert.Equal("Answered", Card(found, "alice").StateLabel);
        Assert.Contains("(Alice Martin checked on helpdesk: it arrived)", Card(found, "alice").Facts.Single(f => f.Label == "Delivery").Value, StringComparison.Ordinal);

        // Another one was not there: sent again, once.
        _receiver.Hang();
        var missing = await SendAsync(_host);
        await _host.DeliverAsync();
        Assert.Equal(CommandOutcome.Applied, (await _host.ActAsync(missing, PostTrigger.Resend, "alice", new ResendInput(ResendCheck.NotThere))).Outcome);
        await _host.DeliverAsync();
        Assert.Equal(3, _receiver.Calls.Count);
        Assert.Equal(ReplyDeliveryStatus.Sent, (await _host.PostAsync(missing)).Replies[0].Delivery.Status);
        var trail = await _host.Service<IAuditTrail>().ForPostAsync(missing);
        Assert.Equal([AuditAction.Send, AuditAction.DeliveryReported, AuditAction.Resend, AuditAction.DeliveryReported], trail.Skip(3).Select(e => e.Action));
    }

    [Fact]
    public async Task A_reply_whose_outcome_is_on_the_post_is_not_sent_again_when_the_outbox_failed_to_let_go_of_it()
    {
        await using var host = Host(forgetful: true);
        var postId = await SendAsync(host);

        await Assert.ThrowsAsync<StoreUnavailableException>(host.DeliverAsync);
        host.Time.Advance(TimeSpan.FromMinutes(2));
        await host.DeliverAsync();

        Assert.True(Forgetful!.Forgot);
        Assert.Single(_receiver.Calls);
        Assert.Equal(ReplyDeliveryStatus.Sent, (await host.PostAsync(postId)).Replies[0].Delivery.Status);
        Assert.Equal(new OutboxDepth(0, 0), await host.Service<IOutbox>().DepthAsync());
        host.DeleteFolder();
    }

    private static async Task<string> SendAsync(ServiceHost host)
    {
        var postId = await host.ReceiveAsync("Where is my parcel?", source: "helpdesk");
        await host.ActAsync(postId, PostTrigger.Claim, "alice");
        await host.ActAsync(postId, PostTrigger.SubmitDraft, "alice", new DraftInput(Reply));
        Assert.Equal(CommandOutcome.Applied, (await host.ActAsync(postId, PostTrigger.Send, "alice")).Outcome);
        return postId;
    }

    private CardModel Card(CustomerPost post, string viewer, ServiceHost? host = null)
    {
        var on = host ?? _host;
        return on.Service<PostCardBuilder>().Build(post, on.Service<AccountabilityPolicy>().People.Find(viewer));
    }

    /// <summary>An outbox that fails to complete the first reply it delivered, after the post recorded its outcome.</summary>
    private sealed class ForgetfulOutbox(IOutbox inner) : IOutbox
    {
        public bool Forgot { get; private set; }

        public Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken = default) => inner.ClaimDueAsync(now, lease, max, cancellationToken);

        public Task<OutboxMessage?> RenewLeaseAsync(OutboxMessage message, DateTimeOffset until, CancellationToken cancellationToken = default) => inner.RenewLeaseAsync(message, until, cancellationToken);

        public Task CompleteAsync(OutboxMessage message, CancellationToken cancellationToken = default)
        {
            if (message.Target == OutboxMessage.SourceTarget && !Forgot)
            {
                Forgot = true;
                throw new StoreUnavailableException("The test lost the store just after the post was written.");
            }

            return inner.CompleteAsync(message, cancellationToken);
        }

        public Task RetryAsync(OutboxMessage message, DateTimeOffset dueAt, string reason, CancellationToken cancellationToken = default) => inner.RetryAsync(message, dueAt, reason, cancellationToken);

        public Task DeferAsync(OutboxMessage message, DateTimeOffset dueAt, string reason, CancellationToken cancellationToken = default) => inner.DeferAsync(message, dueAt, reason, cancellationToken);

        public Task FailAsync(OutboxMessage message, string reason, CancellationToken cancellationToken = default) => inner.FailAsync(message, reason, cancellationToken);

        public Task<OutboxDepth> DepthAsync(CancellationToken cancellationToken = default) => inner.DepthAsync(cancellationToken);
    }
}

public sealed class ReplyDeliveryOnSqliteTests : ReplyDeliveryTests
{
    protected override IDictionary<string, string?> Store => new Dictionary<string, string?>();
}

public sealed class ReplyDeliveryOnRedisTests : ReplyDeliveryTests
{
    protected override IDictionary<string, string?> Store => RedisSettings.Fresh(RedisServer.Shared);
}
