using ChatOpsReply.Delivery;
using ChatOpsReply.Posts;
using ChatOpsReply.Sources.Meta;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Sources.Meta;

/// <summary>Replies on Facebook and Instagram: from the webhook through the workflow to the right Graph API call, and Meta's refusals.</summary>
public sealed class MetaRepliesTests
{
    private const string Reply = "Hello Ana, your parcel left our depot this morning and arrives tomorrow.";

    [Fact]
    public async Task A_reply_to_a_page_comment_is_a_reply_to_that_comment()
    {
        await using var meta = await MetaHost.StartAsync();
        await CommentLifecycleAsync(meta);
    }

    [Fact]
    public async Task The_same_comment_lifecycle_works_on_redis()
    {
        await using var meta = await MetaHost.StartAsync(RedisSettings.Fresh(RedisServer.Shared));
        await CommentLifecycleAsync(meta);
    }

    [Fact]
    public async Task A_reply_to_a_messenger_message_is_a_message_to_the_sender_from_the_page()
    {
        await using var meta = await MetaHost.StartAsync();
        var postId = await meta.ReceiveAsync(meta.MessengerMessage("m_abc1", "Can you check order 5512?"), "facebook", "message:m_abc1");

        await AnswerAsync(meta, postId);

        var call = Assert.Single(meta.Api.Calls);
        Assert.Equal($"/v23.0/{MetaHost.PageId}/messages", call.Path);
        Assert.Equal(("7100000000001", "RESPONSE", Reply), (call.Json["recipient"]!["id"]!.GetValue<string>(), call.Json["messaging_type"]!.GetValue<string>(), call.Json["message"]!["text"]!.GetValue<string>()));
        Assert.NotNull(await meta.Host.Service<ISentReplies>().DeliveredAtAsync(postId, 1));
    }

    [Fact]
    public async Task Instagram_comment_replies_use_replies_and_instagram_messages_go_through_the_page()
    {
        await using var meta = await MetaHost.StartAsync(new Dictionary<string, string?> { ["Sources:Meta:GraphVersion"] = "v24.0" });
        var commentPost = await meta.ReceiveAsync(meta.InstagramComment("17858893269000001", "Is this in stock?"), "instagram", "comment:17858893269000001");
        var messagePost = await meta.ReceiveAsync(meta.MessengerMessage("aWdfZAG1", "Hello, a question", sender: "9900000000000123", objectKind: "instagram", account: MetaHost.InstagramId), "instagram", "message:aWdfZAG1");

        await AnswerAsync(meta, commentPost);
        await AnswerAsync(meta, messagePost);

        Assert.Equal(["/v24.0/17858893269000001/replies", "/v24.0/me/messages"], meta.Api.Calls.Select(c => c.Path));
        Assert.Equal("9900000000000123", meta.Api.Calls.Last().Json["recipient"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_message_reply_after_24_hours_is_refused_with_why_and_what_to_do_instead()
    {
        await using var meta = await MetaHost.StartAsync();
        var postId = await meta.ReceiveAsync(meta.MessengerMessage("m_abc1", "Can you check order 5512?"), "facebook", "message:m_abc1");
        await DraftAsync(meta, postId);
        meta.Host.Time.Advance(TimeSpan.FromHours(25));

        var refused = await meta.Host.ActAsync(postId, PostTrigger.Send, "alice");

        Assert.Equal(CommandOutcome.Rejected, refused.Outcome);
        Assert.Equal("The customer last wrote 1 d 1 h ago: Messenger takes replies only within 24 hours of the customer's last message. Reply to one of their comments instead, or reach them on another channel.", refused.Message);
        Assert.Empty(meta.Api.Calls);
    }

    [Fact]
    public async Task With_the_human_agent_permission_a_reply_days_later_goes_out_tagged()
    {
        await using var meta = await MetaHost.StartAsync(new Dictionary<string, string?> { ["Sources:Meta:HumanAgent"] = "true" });
        var postId = await meta.ReceiveAsync(meta.MessengerMessage("m_abc1", "Can you check order 5512?"), "facebook", "message:m_abc1");
        await DraftAsync(meta, postId);
        meta.Host.Time.Advance(TimeSpan.FromDays(3));

        await meta.Host.ActAsync(postId, PostTrigger.Send, "alice");
        await meta.Host.DeliverAsync();

        var call = Assert.Single(meta.Api.Calls);
        Assert.Equal(("MESSAGE_TAG", "HUMAN_AGENT"), (call.Json["messaging_type"]!.GetValue<string>(), call.Json["tag"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_reply_to_a_comment_the_customer_removed_is_refused_before_it_is_sent()
    {
        await using var meta = await MetaHost.StartAsync();
        var postId = await meta.ReceiveAsync(meta.FeedComment("9001_1", "My order never came"), "facebook", "comment:9001_1");
        await DraftAsync(meta, postId);
        using (await meta.PostAsync(meta.FeedComment("9001_1", "", verb: "remove")))
        {
        }

        var refused = await meta.Host.ActAsync(postId, PostTrigger.Send, "alice");

        Assert.Contains("Ana removed their comment, so there is nothing to reply to in public: send them a message instead.", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rate_limit_and_a_server_error_are_retried_until_meta_takes_the_reply_once()
    {
        await using var meta = await MetaHost.StartAsync();
        var postId = await meta.ReceiveAsync(meta.FeedComment("9001_1", "My order never came"), "facebook", "comment:9001_1");
        await DraftAsync(meta, postId);
        // Meta: rate limits answer HTTP 400 with code 4 or 32 or 613, developers.facebook.com/docs/graph-api/overview/rate-limiting
        meta.Api.Answer(400, """{"error":{"message":"(#32) Page request limit reached","type":"OAuthException","code":32,"fbtrace_id":"A1"}}""");
        meta.Api.Fail();

        await meta.Host.ActAsync(postId, PostTrigger.Send, "alice");
        for (var i = 0; i < 4; i++)
        {
            await meta.Host.DeliverAsync();
            meta.Host.Time.Advance(TimeSpan.FromSeconds(10));
        }

        Assert.Equal(3, meta.Api.Calls.Count);
        Assert.Equal(new OutboxDepth(0, 0), await meta.Host.Service<IOutbox>().DepthAsync());
    }

    [Fact]
    public async Task A_deleted_comment_and_a_closed_window_at_meta_are_final_with_the_reason_in_words()
    {
        await using var meta = await MetaHost.StartAsync();
        var commentPost = await meta.ReceiveAsync(meta.FeedComment("9001_1", "My order never came"), "facebook", "comment:9001_1");
        var messagePost = await meta.ReceiveAsync(meta.MessengerMessage("m_abc1", "Can you check order 5512?"), "facebook", "message:m_abc1");
        meta.Api.Answer(400, """{"error":{"message":"Unsupported post request. Object with ID '9001_1' does not exist","type":"GraphMethodException","code":100,"error_subcode":33,"fbtrace_id":"A2"}}""");
        meta.Api.Answer(400, """{"error":{"message":"(#10) This message is sent outside of allowed window.","type":"OAuthException","code":10,"error_subcode":2018278,"fbtrace_id":"A3"}}""");

        var deleted = await SendDirectlyAsync(meta, commentPost);
        var closed = await SendDirectlyAsync(meta, messagePost);

        Assert.Equal(SurfaceDeliveryStatus.Failed, deleted.Status);
        Assert.StartsWith("The comment or conversation no longer exists", deleted.Reason, StringComparison.Ordinal);
        Assert.Equal(SurfaceDeliveryStatus.Failed, closed.Status);
        Assert.StartsWith("The messaging window closed", closed.Reason, StringComparison.Ordinal);
        Assert.Equal((ReplyDeliveryStatus.Refused, ReplyDeliveryStatus.Refused), (deleted.Reply, closed.Reply));
    }

    [Fact]
    public async Task A_deleted_comment_a_closed_window_and_a_blocked_page_are_final_on_the_card_with_no_retry()
    {
        await using var meta = await MetaHost.StartAsync();
        var deleted = await meta.ReceiveAsync(meta.FeedComment("9001_1", "My order never came"), "facebook", "comment:9001_1");
        var closed = await meta.ReceiveAsync(meta.MessengerMessage("m_abc1", "Can you check order 5512?"), "facebook", "message:m_abc1");
        var blocked = await meta.ReceiveAsync(meta.MessengerMessage("m_abc2", "Hello?", sender: "7100000000002"), "facebook", "message:m_abc2");
        foreach (var postId in new[] { deleted, closed, blocked })
        {
            await DraftAsync(meta, postId);
            await meta.Host.ActAsync(postId, PostTrigger.Send, "alice");
        }

        meta.Api.Answer(400, """{"error":{"message":"Unsupported post request. Object with ID '9001_1' does not exist","type":"GraphMethodException","code":100,"error_subcode":33,"fbtrace_id":"A2"}}""");
        meta.Api.Answer(400, """{"error":{"message":"(#10) This message is sent outside of allowed window.","type":"OAuthException","code":10,"error_subcode":2018278,"fbtrace_id":"A3"}}""");
        // Meta: 551, this person isn't available right now, developers.facebook.com/docs/messenger-platform/error-codes
        meta.Api.Answer(400, """{"error":{"message":"(#551) This person isn't available right now.","type":"OAuthException","code":551,"error_subcode":1545041,"fbtrace_id":"A4"}}""");
        await meta.Host.DeliverAsync();

        Assert.Equal(3, meta.Api.Calls.Count);
        await FinalRefusal.AssertAsync(meta.Host, deleted, "The comment or conversation no longer exists (it may have been deleted): Unsupported post request.");
        await FinalRefusal.AssertAsync(meta.Host, closed, "The messaging window closed: The customer last wrote more than 24 hours ago. Reply to one of their comments, or reach them on another channel.");
        await FinalRefusal.AssertAsync(meta.Host, blocked, "The customer cannot be messaged right now (they may have blocked the Page): (#551) This person isn't available right now. (code 551).");
    }

    [Fact]
    public async Task A_reply_whose_answer_never_came_is_not_sent_again()
    {
        await using var meta = await MetaHost.StartAsync();
        var postId = await meta.ReceiveAsync(meta.FeedComment("9001_1", "My order never came"), "facebook", "comment:9001_1");
        meta.Api.Hang();

        var result = await SendDirectlyAsync(meta, postId);

        Assert.Equal(SurfaceDeliveryStatus.Failed, result.Status);
        Assert.Contains("may not have been delivered", result.Reason, StringComparison.Ordinal);
        Assert.Equal(ReplyDeliveryStatus.Unknown, result.Reply);
    }

    private static async Task CommentLifecycleAsync(MetaHost meta)
    {
        var postId = await meta.ReceiveAsync(meta.FeedComment("9001_1", "My order never came"), "facebook", "comment:9001_1");
        // The customer comments again under the same Page post: a follow-up, and the reply answers the newer comment.
        using (await meta.PostAsync(meta.FeedComment("9001_7", "Hello? Anyone?")))
        {
        }

        await AnswerAsync(meta, postId);

        var call = Assert.Single(meta.Api.Calls);
        Assert.Equal(("POST", "/v23.0/9001_7/comments"), (call.Method, call.Path));
        Assert.Equal("Bearer " + MetaHost.PageToken, call.Header("Authorization"));
        Assert.Equal(Reply, call.Json["message"]!.GetValue<string>());
        Assert.NotNull(await meta.Host.Service<ISentReplies>().DeliveredAtAsync(postId, 1));
        Assert.Equal(PostState.Sent, (await meta.Host.PostAsync(postId)).State);
    }

    private static async Task DraftAsync(MetaHost meta, string postId)
    {
        await meta.Host.ActAsync(postId, PostTrigger.Claim, "alice");
        var drafted = await meta.Host.ActAsync(postId, PostTrigger.SubmitDraft, "alice", new DraftInput(Reply));
        Assert.Equal(CommandOutcome.Applied, drafted.Outcome);
    }

    private static async Task AnswerAsync(MetaHost meta, string postId)
    {
        await DraftAsync(meta, postId);
        var sent = await meta.Host.ActAsync(postId, PostTrigger.Send, "alice");
        Assert.Equal(CommandOutcome.Applied, sent.Outcome);
        await meta.Host.DeliverAsync();
    }

    private static async Task<SurfaceDelivery> SendDirectlyAsync(MetaHost meta, string postId)
    {
        await DraftAsync(meta, postId);
        await meta.Host.ActAsync(postId, PostTrigger.Send, "alice");
        var post = await meta.Host.PostAsync(postId);
        return await meta.Host.Service<MetaReplySender>().SendAsync(post, post.Replies[0], 1, CancellationToken.None);
    }
}
