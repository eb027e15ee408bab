using System.Net;
using ChatOpsReply.Cards;
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

        await SendAndWaitAsync(twilio, postId);

        // Final: refused for good on the post, tried once, kept for an operator.
        var delivery = (await twilio.Host.PostAsync(postId)).Replies[0].Delivery;
        Assert.Equal(ReplyDeliveryStatus.Refused, delivery.Status);
        Assert.Contains("has opted out of texts", delivery.Reason, StringComparison.Ordinal);
        Assert.Contains("21610", delivery.Reason, StringComparison.Ordinal);
        Assert.Single(twilio.Api.Calls);
        Assert.Equal(new OutboxDepth(0, 1), await twilio.Host.Service<IOutbox>().DepthAsync());
        var consent = await twilio.Host.Service<IConsentStore>().GetAsync("sms", TwilioHost.Customer);
        Assert.False(consent!.OptedIn);
        Assert.Contains("21610", consent.Evidence, StringComparison.Ordinal);
        await FinalRefusal.AssertAsync(twilio.Host, postId, "+447700900123 has opted out of texts from this number (they replied STOP)");
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
        await FinalRefusal.AssertAsync(twilio.Host, postId, "Twilio refused the text: The 'To' number +447700900123 is not a valid phone number. (error 21211).");
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
        var postId = await SentTextAsync(twilio);

        var sent = Assert.Single(twilio.Api.Calls);
        Assert.Equal(("POST", $"/2010-04-01/Accounts/{TwilioHost.AccountSid}/Messages.json"), (sent.Method, sent.Path));
        Assert.Equal("Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{TwilioHost.AccountSid}:{TwilioHost.AuthToken}")), sent.Header("Authorization"));
        var form = sent.Form;
        Assert.Equal((TwilioHost.Customer, TwilioHost.OurNumber, Reply), (form["To"], form["From"], form["Body"]));
        var callback = new Uri(form["StatusCallback"]);
        Assert.Equal(TwilioHost.PublicUrl + "/api/sources/twilio/status", callback.GetLeftPart(UriPartial.Path));
        Assert.Equal(TestConfig.Stored(twilio.Host.Time.GetUtcNow()), await twilio.Host.Service<ISentReplies>().DeliveredAtAsync(postId, 1));
        var taken = Card(twilio, await twilio.Host.PostAsync(postId));
        Assert.Equal("Answered", taken.StateLabel);
        Assert.Contains(new CardFact("Delivery", $"Sent on SMS at {twilio.Host.Time.GetUtcNow().UtcDateTime:HH:mm} UTC"), taken.Facts);

        // Twilio reports the handset got it, at the status callback URL we gave.
        twilio.Host.Time.Advance(TimeSpan.FromSeconds(7));
        using var response = await StatusAsync(twilio, callback, "delivered");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(TestConfig.Stored(twilio.Host.Time.GetUtcNow()), await twilio.Host.Service<ISentReplies>().DeliveredAtAsync(postId, 1));
        var post = await twilio.Host.PostAsync(postId);
        Assert.Equal(PostState.Sent, post.State);
        Assert.Equal((ReplyDeliveryStatus.Delivered, FirstSid), (post.Replies[0].Delivery.Status, post.Replies[0].Delivery.ExternalId));
        Assert.Contains(new CardFact("Delivery", $"Delivered at {twilio.Host.Time.GetUtcNow().UtcDateTime:HH:mm} UTC"), Card(twilio, post).Facts);
        var history = await twilio.Host.Service<IAuditTrail>().ForPostAsync(postId);
        Assert.Equal([AuditAction.Send, AuditAction.DeliveryReported, AuditAction.DeliveryReported], history.TakeLast(3).Select(e => e.Action));
        Assert.StartsWith("Delivered at ", history[^1].Detail, StringComparison.Ordinal);

        // Twilio calls again (it may): nothing new, nothing written.
        using var again = await StatusAsync(twilio, callback, "delivered");
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        Assert.Equal(history.Count, (await twilio.Host.Service<IAuditTrail>().ForPostAsync(postId)).Count);
    }

    [Fact]
    public async Task An_undelivered_text_shows_twilios_error_in_words_and_a_retry_for_the_owner()
    {
        await using var twilio = await TwilioHost.StartAsync();
        var postId = await SentTextAsync(twilio);

        using var response = await StatusAsync(twilio, Callback(twilio), "undelivered", errorCode: "30003");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var card = Card(twilio, await twilio.Host.PostAsync(postId));
        Assert.Equal("Not delivered", card.StateLabel);
        Assert.Contains(new CardFact("Delivery", "Not delivered: Twilio reports the text undelivered: the customer's phone could not be reached (switched off or out of coverage) (error 30003)."), card.Facts);
        Assert.Equal("Retry", card.Actions.Single(a => a.Id == nameof(PostTrigger.Resend)).Label);

        // Retried by the owner: a second text, its status callback naming the second attempt.
        Assert.Equal(CommandOutcome.Applied, (await twilio.Host.ActAsync(postId, PostTrigger.Resend, "alice")).Outcome);
        await twilio.Host.DeliverAsync();
        Assert.Equal(2, twilio.Api.Calls.Count);
        Assert.EndsWith("&attempt=2", twilio.Api.Calls.Last().Form["StatusCallback"], StringComparison.Ordinal);
        // A late callback about the first text changes nothing now.
        using var late = await StatusAsync(twilio, Callback(twilio, 0), "delivered");
        Assert.Equal(ReplyDeliveryStatus.Sent, (await twilio.Host.PostAsync(postId)).Replies[0].Delivery.Status);
    }

    [Fact]
    public async Task A_text_to_a_number_that_does_not_exist_is_final_and_says_so()
    {
        await using var twilio = await TwilioHost.StartAsync();
        var postId = await SentTextAsync(twilio);

        using var response = await StatusAsync(twilio, Callback(twilio), "failed", errorCode: "30005");

        var card = Card(twilio, await twilio.Host.PostAsync(postId));
        const string Reason = "Twilio reports the text failed: the customer's number does not exist or is no longer in service (error 30005).";
        Assert.Contains(new CardFact("Delivery", "Not delivered: " + Reason), card.Facts);
        Assert.DoesNotContain(card.Actions, a => a.Id == nameof(PostTrigger.Resend));
        Assert.Equal(Reason + " Sending it again cannot change that.", (await twilio.Host.ActAsync(postId, PostTrigger.Resend, "alice")).Message);
        Assert.Single(twilio.Api.Calls);
    }

    [Fact]
    public async Task Error_21610_in_the_status_callback_records_the_opt_out_and_the_card_says_so()
    {
        await using var twilio = await TwilioHost.StartAsync();
        var postId = await SentTextAsync(twilio);

        using var response = await StatusAsync(twilio, Callback(twilio), "failed", errorCode: "21610");

        var consent = await twilio.Host.Service<IConsentStore>().GetAsync("sms", TwilioHost.Customer);
        Assert.False(consent!.OptedIn);
        Assert.Contains(FirstSid, consent.Evidence, StringComparison.Ordinal);
        var post = await twilio.Host.PostAsync(postId);
        var card = Card(twilio, post);
        Assert.Contains(new CardFact("Delivery", "Not delivered: Twilio reports the text failed: the customer has opted out of texts from this number (they replied STOP) (error 21610)."), card.Facts);
        Assert.StartsWith("opted out ", card.Facts.Single(f => f.Label == "Texts").Value, StringComparison.Ordinal);
        Assert.DoesNotContain(card.Actions, a => a.Id == nameof(PostTrigger.Resend));
    }

    [Fact]
    public async Task A_late_status_callback_settles_a_text_whose_answer_never_came_and_nothing_is_sent_again()
    {
        await using var twilio = await TwilioHost.StartAsync();
        var postId = await ApprovedAsync(twilio);
        twilio.Api.Hang();
        await SendAndWaitAsync(twilio, postId);
        Assert.Equal(ReplyDeliveryStatus.Unknown, (await twilio.Host.PostAsync(postId)).Replies[0].Delivery.Status);

        using var response = await StatusAsync(twilio, Callback(twilio), "delivered");

        var delivery = (await twilio.Host.PostAsync(postId)).Replies[0].Delivery;
        Assert.Equal((ReplyDeliveryStatus.Delivered, FirstSid), (delivery.Status, delivery.ExternalId));
        await twilio.Host.DeliverAsync();
        Assert.Single(twilio.Api.Calls);
    }

    private const string FirstSid = "SM00000000000000000000000000000001";

    /// <summary>The status callback URL the service gave Twilio with a text (the first by default).</summary>
    private static Uri Callback(TwilioHost twilio, int call = -1)
    {
        var calls = twilio.Api.Calls.ToList();
        return new Uri(calls[call < 0 ? calls.Count - 1 : call].Form["StatusCallback"]);
    }

    /// <summary>Twilio's status callback for the text at <paramref name="callback"/>, shaped like twilio.com/docs/messaging/guides/track-outbound-message-status.</summary>
    private static Task<HttpResponseMessage> StatusAsync(TwilioHost twilio, Uri callback, string status, string? errorCode = null, string sid = FirstSid)
    {
        var form = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AccountSid"] = TwilioHost.AccountSid,
            ["From"] = TwilioHost.OurNumber,
            ["To"] = TwilioHost.Customer,
            ["MessageSid"] = sid,
            ["SmsSid"] = sid,
            ["MessageStatus"] = status,
            ["SmsStatus"] = status,
            ["ApiVersion"] = "2010-04-01",
        };
        if (errorCode is not null)
        {
            form["ErrorCode"] = errorCode;
        }

        return twilio.PostAsync(callback.PathAndQuery, form);
    }

    private static CardModel Card(TwilioHost twilio, CustomerPost post) =>
        twilio.Host.Service<PostCardBuilder>().Build(post, twilio.Host.Service<ChatOpsReply.Accountability.AccountabilityPolicy>().People.Find("alice"));

    /// <summary>A text Alice sent and Twilio took.</summary>
    private static async Task<string> SentTextAsync(TwilioHost twilio)
    {
        var postId = await ApprovedAsync(twilio);
        await twilio.Host.ActAsync(postId, PostTrigger.Send, "alice");
        await twilio.Host.DeliverAsync();
        return postId;
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
