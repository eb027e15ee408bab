using System.Net;
using ChatOpsReply.Delivery;
using ChatOpsReply.Guidelines;
using ChatOpsReply.Posts;
using ChatOpsReply.Sources.Twilio;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Sources.Twilio;

/// <summary>Replies by text: from the inbound webhook through the workflow to Twilio's Messages API and back through the status callback.</summary>
public sealed class TwilioRepliesTests
{
    private const string Reply = "Hello there, your parcel left our depot this morning and arrives tomorrow.";

    [Fact]
    public async Task A_reply_reaches_the_customers_number_from_the_number_they_wrote_to_and_delivery_is_recorded()
    {
        await using var twilio = await TwilioHost.StartAsync();
        await LifecycleAsync(twilio);
    }

    [Fact]
    public async Task The_same_lifecycle_works_on_redis()
    {
        await using var twilio = await TwilioHost.StartAsync(RedisSettings.Fresh(RedisServer.Shared));
        await LifecycleAsync(twilio);
    }

    [Fact]
    public async Task A_rate_limit_and_a_server_error_are_retried_until_twilio_takes_the_text_once()
    {
        await using var twilio = await TwilioHost.StartAsync();
        var postId = await ApprovedAsync(twilio);
        twilio.Api.RateLimit(seconds: 20);
        twilio.Api.Fail();

        await twilio.Host.ActAsync(postId, PostTrigger.Send, "alice");
        await twilio.Host.DeliverAsync();
        twilio.Host.Time.Advance(TimeSpan.FromSeconds(19));
        await twilio.Host.DeliverAsync();
        Assert.Single(twilio.Api.Calls);

        twilio.Host.Time.Advance(TimeSpan.FromSeconds(1));
        await twilio.Host.DeliverAsync();
        twilio.Host.Time.Advance(TimeSpan.FromSeconds(10));
        await twilio.Host.DeliverAsync();

        Assert.Equal(3, twilio.Api.Calls.Count);
        Assert.NotNull(await twilio.Host.Service<ISentReplies>().DeliveredAtAsync(postId, 1));
        Assert.Equal(new OutboxDepth(0, 0), await twilio.Host.Service<IOutbox>().DepthAsync());
    }

    [Fact]
    public async Task Error_21610_is_final_says_the_customer_opted_out_and_records_it()
    {
        await using var twilio = await TwilioHost.StartAsync();
        var postId = await ApprovedAsync(twilio);
        // Twilio: the error body for 21610, twilio.com/docs/api/errors/21610
        twilio.Api.Answer(400, """{"code": 21610, "message": "Attempt to send to unsubscribed recipient", "more_info": "https://www.twilio.com/docs/errors/21610", "status": 400}""");

        var result = await SendDirectlyAsync(twilio, postId);

        Assert.Equal(SurfaceDeliveryStatus.Failed, result.Status);
        Assert.Contains("has opted out of texts", result.Reason, StringComparison.Ordinal);
        Assert.Contains("21610", result.Reason, StringComparison.Ordinal);
        var consent = await twilio.Host.Service<IConsentStore>().GetAsync("sms", TwilioHost.Customer);
        Assert.False(consent!.OptedIn);
        Assert.Contains("21610", consent.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_refusal_is_final_with_twilios_words_and_is_not_retried()
    {
        await using var twilio = await TwilioHost.StartAsync();
        var postId = await ApprovedAsync(twilio);
        twilio.Api.Answer(400, """{"code": 21211, "message": "The 'To' number +447700900123 is not a valid phone number.", "more_info": "https://www.twilio.com/docs/errors/21211", "status": 400}""");

        await SendAndWaitAsync(twilio, postId);

        Assert.Single(twilio.Api.Calls);
        Assert.Equal(new OutboxDepth(0, 1), await twilio.Host.Service<IOutbox>().DepthAsync());
        Assert.Contains("Twilio refused the text: The 'To' number +447700900123 is not a valid phone number. (error 21211)", twilio.Host.Errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_text_whose_answer_never_came_is_not_sent_again_and_says_it_may_not_have_arrived()
    {
        await using var twilio = await TwilioHost.StartAsync();
        var postId = await ApprovedAsync(twilio);
        twilio.Api.Hang();

        await SendAndWaitAsync(twilio, postId);

        Assert.Single(twilio.Api.Calls);
        Assert.Equal(new OutboxDepth(0, 1), await twilio.Host.Service<IOutbox>().DepthAsync());
        Assert.Contains("may not have been delivered", twilio.Host.Errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Twilio_unreachable_before_the_request_left_is_retried()
    {
        await using var twilio = await TwilioHost.StartAsync(new Dictionary<string, string?> { ["Sources:Twilio:ApiBaseUrl"] = "http://127.0.0.1:9/" });
        var postId = await ApprovedAsync(twilio);

        var result = await SendDirectlyAsync(twilio, postId);

        Assert.Equal(SurfaceDeliveryStatus.Retry, result.Status);
    }

    [Fact]
    public async Task A_text_inside_the_customers_quiet_hours_is_refused_with_when_it_may_go()
    {
        await using var twilio = await TwilioHost.StartAsync();
        // A San Francisco number: 09:00 UTC is 01:00 there.
        var postId = await twilio.ReceiveAsync("Where is my parcel?", from: "+14155550123");
        await OptInAsync(twilio, "+14155550123");
        await twilio.Host.ActAsync(postId, PostTrigger.Claim, "alice");
        await twilio.Host.ActAsync(postId, PostTrigger.SubmitDraft, "alice", new DraftInput(Reply));

        var refused = await twilio.Host.ActAsync(postId, PostTrigger.Send, "alice");

        Assert.Equal(CommandOutcome.Rejected, refused.Outcome);
        Assert.Equal("It is 01:00 for +14155550123 (America/Los_Angeles), inside their quiet hours: the text may go from 08:00 their time, in 7 h.", refused.Message);
        await twilio.Host.DeliverAsync();
        Assert.Empty(twilio.Api.Calls);
    }

    [Fact]
    public async Task A_draft_over_the_segment_limit_is_refused_counting_segments_as_carriers_do()
    {
        await using var twilio = await TwilioHost.StartAsync(new Dictionary<string, string?> { ["Sources:Twilio:MaxSegments"] = "1" });
        var postId = await twilio.ReceiveAsync("Where is my parcel?");
        await twilio.Host.ActAsync(postId, PostTrigger.Claim, "alice");

        // 71 characters with one emoji: UCS-2, so two segments where GSM-7 would fit one.
        var refused = await twilio.Host.ActAsync(postId, PostTrigger.SubmitDraft, "alice", new DraftInput("Hello there, your parcel arrives tomorrow, we are sorry for the wait 🙏"));

        Assert.Equal(CommandOutcome.Rejected, refused.Outcome);
        Assert.Contains("this one is 2 SMS segments", refused.Message, StringComparison.Ordinal);
    }

    private static async Task LifecycleAsync(TwilioHost twilio)
    {
        var postId = await ApprovedAsync(twilio);
        await twilio.Host.ActAsync(postId, PostTrigger.Send, "alice");
        await twilio.Host.DeliverAsync();

        var sent = Assert.Single(twilio.Api.Calls);
        Assert.Equal(("POST", $"/2010-04-01/Accounts/{TwilioHost.AccountSid}/Messages.json"), (sent.Method, sent.Path));
        Assert.Equal("Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{TwilioHost.AccountSid}:{TwilioHost.AuthToken}")), sent.Header("Authorization"));
        var form = sent.Form;
        Assert.Equal((TwilioHost.Customer, TwilioHost.OurNumber, Reply), (form["To"], form["From"], form["Body"]));
        var callback = new Uri(form["StatusCallback"]);
        Assert.Equal(TwilioHost.PublicUrl + "/api/sources/twilio/status", callback.GetLeftPart(UriPartial.Path));
        Assert.Equal(TestConfig.Stored(twilio.Host.Time.GetUtcNow()), await twilio.Host.Service<ISentReplies>().DeliveredAtAsync(postId, 1));

        // Twilio reports the handset got it, at the status callback URL we gave.
        twilio.Host.Time.Advance(TimeSpan.FromSeconds(7));
        var status = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AccountSid"] = TwilioHost.AccountSid,
            ["From"] = TwilioHost.OurNumber,
            ["To"] = TwilioHost.Customer,
            ["MessageSid"] = "SM00000000000000000000000000000001",
            ["SmsSid"] = "SM00000000000000000000000000000001",
            ["MessageStatus"] = "delivered",
            ["SmsStatus"] = "delivered",
            ["ApiVersion"] = "2010-04-01",
        };
        using var response = await twilio.PostAsync(callback.PathAndQuery, status);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(TestConfig.Stored(twilio.Host.Time.GetUtcNow()), await twilio.Host.Service<ISentReplies>().DeliveredAtAsync(postId, 1));
        Assert.Equal(PostState.Sent, (await twilio.Host.PostAsync(postId)).State);
    }

    /// <summary>Alice sends; the outbox delivers, and again ten minutes later, when a retry would have come.</summary>
    private static async Task SendAndWaitAsync(TwilioHost twilio, string postId)
    {
        await twilio.Host.ActAsync(postId, PostTrigger.Send, "alice");
        await twilio.Host.DeliverAsync();
        twilio.Host.Time.Advance(TimeSpan.FromMinutes(10));
        await twilio.Host.DeliverAsync();
    }

    /// <summary>A text from a customer who opted in, claimed and answered by Alice, ready to send.</summary>
    private static async Task<string> ApprovedAsync(TwilioHost twilio)
    {
        var postId = await twilio.ReceiveAsync("Where is my parcel?");
        await OptInAsync(twilio, TwilioHost.Customer);
        await twilio.Host.ActAsync(postId, PostTrigger.Claim, "alice");
        var drafted = await twilio.Host.ActAsync(postId, PostTrigger.SubmitDraft, "alice", new DraftInput(Reply));
        Assert.Equal(CommandOutcome.Applied, drafted.Outcome);
        return postId;
    }

    private static Task OptInAsync(TwilioHost twilio, string number) =>
        twilio.Host.Service<IConsentStore>().SetAsync(new ConsentRecord("sms", number, true, twilio.Host.Time.GetUtcNow(), "signed the delivery form"));

    private static async Task<SurfaceDelivery> SendDirectlyAsync(TwilioHost twilio, string postId)
    {
        await twilio.Host.ActAsync(postId, PostTrigger.Send, "alice");
        var post = await twilio.Host.PostAsync(postId);
        return await twilio.Host.Service<TwilioReplySender>().SendAsync(post, post.Replies[0], 1, CancellationToken.None);
    }
}
