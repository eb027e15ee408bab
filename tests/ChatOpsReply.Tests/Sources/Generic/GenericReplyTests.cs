using System.Text.Json;
using System.Text;
using ChatOpsReply.Delivery;
using ChatOpsReply.Http;
using ChatOpsReply.Posts;
using ChatOpsReply.Sources;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Sources.Generic;

/// <summary>The generic webhook's outbound half: approved replies POSTed to Sources:Generic:ReplyUrl, signed like inbound posts.</summary>
public sealed class GenericReplyTests : IAsyncLifetime
{
    private const string Reply = "Hello Ana, your parcel left our depot this morning and arrives tomorrow.";
    private FakePlatform _receiver = null!;
    private ServiceHost _host = null!;

    public async Task InitializeAsync()
    {
        _receiver = await FakePlatform.StartAsync(_ => (200, """{"id":"helpdesk-771"}"""));
        _host = new ServiceHost(new Dictionary<string, string?>
        {
            ["Sources:Generic:ReplyUrl"] = _receiver.Url + "replies",
            ["Sources:Generic:ReplyTimeout"] = "00:00:02",
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _host.DeleteFolder();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task An_approved_reply_reaches_the_reply_url_signed_with_the_webhook_secret_and_is_delivered()
    {
        var postId = await _host.ReceiveAsync("Where is my parcel?", source: "helpdesk", externalId: "T-1001", threadId: "T-1000");

        await AnswerAsync(postId);

        var call = Assert.Single(_receiver.Calls);
        Assert.Equal(("POST", "/replies"), (call.Method, call.Path));
        var check = GenericWebhookSignature.Verify(TestConfig.GenericSecret, call.Header(GenericWebhookSignature.TimestampHeader), call.Header(GenericWebhookSignature.SignatureHeader), Encoding.UTF8.GetBytes(call.Body), _host.Time.GetUtcNow());
        Assert.Equal(SignatureCheck.Valid, check);
        var body = JsonDocument.Parse(call.Body).RootElement;
        Assert.Equal(($"{postId}:1", "helpdesk", "T-1001", "T-1000", "@ana", Reply), (body.GetProperty("deliveryId").GetString(), body.GetProperty("source").GetString(), body.GetProperty("externalId").GetString(), body.GetProperty("threadId").GetString(), body.GetProperty("to").GetProperty("handle").GetString(), body.GetProperty("text").GetString()));
        Assert.NotNull(await _host.Service<ISentReplies>().DeliveredAtAsync(postId, 1));
    }

    [Fact]
    public async Task Anything_but_a_2xx_is_retried_until_the_receiver_takes_it_with_the_same_delivery_id()
    {
        var postId = await _host.ReceiveAsync("Where is my parcel?", source: "helpdesk");
        _receiver.Fail();
        _receiver.Answer(404, "{}");
        _receiver.RateLimit(seconds: 5);

        await AnswerAsync(postId);
        for (var i = 0; i < 6; i++)
        {
            _host.Time.Advance(TimeSpan.FromSeconds(10));
            await _host.DeliverAsync();
        }

        Assert.Equal(4, _receiver.Calls.Count);
        Assert.Single(_receiver.Calls.Select(c => JsonDocument.Parse(c.Body).RootElement.GetProperty("deliveryId").GetString()).Distinct());
        Assert.Equal(new OutboxDepth(0, 0), await _host.Service<IOutbox>().DepthAsync());
    }

    [Fact]
    public async Task A_reply_whose_answer_never_came_is_not_sent_again()
    {
        var postId = await _host.ReceiveAsync("Where is my parcel?", source: "helpdesk");
        _receiver.Hang();

        await AnswerAsync(postId);
        _host.Time.Advance(TimeSpan.FromMinutes(10));
        await _host.DeliverAsync();

        Assert.Single(_receiver.Calls);
        Assert.Equal(new OutboxDepth(0, 1), await _host.Service<IOutbox>().DepthAsync());
        Assert.Contains("may not have been delivered", _host.Errors.ToString(), StringComparison.Ordinal);
    }

    private async Task AnswerAsync(string postId)
    {
        await _host.ActAsync(postId, PostTrigger.Claim, "alice");
        await _host.ActAsync(postId, PostTrigger.SubmitDraft, "alice", new DraftInput(Reply));
        Assert.Equal(CommandOutcome.Applied, (await _host.ActAsync(postId, PostTrigger.Send, "alice")).Outcome);
        await _host.DeliverAsync();
    }
}
