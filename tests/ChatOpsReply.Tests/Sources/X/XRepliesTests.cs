using ChatOpsReply.Delivery;
using ChatOpsReply.Posts;
using ChatOpsReply.Sources.X;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Sources.X;

/// <summary>Replies on X: from the webhook through the workflow to a reply post or a direct message, signed with OAuth 1.0a.</summary>
public sealed class XRepliesTests
{
    private const string Reply = "Hello Ana, your parcel left our depot this morning and arrives tomorrow.";

    // X: the worked example of "Creating a signature", docs.x.com/resources/fundamentals/authentication/oauth-1-0a/creating-a-signature
    [Fact]
    public void The_oauth_signature_of_the_published_example_matches()
    {
        var url = new Uri("https://api.twitter.com/1.1/statuses/update.json?include_entities=true");
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["status"] = "Hello Ladies + Gentlemen, a signed OAuth request!",
            ["include_entities"] = "true",
            ["oauth_consumer_key"] = "xvz1evFS4wEEPTGEFPHBog",
            ["oauth_nonce"] = "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg",
            ["oauth_signature_method"] = "HMAC-SHA1",
            ["oauth_timestamp"] = "1318622958",
            ["oauth_token"] = "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
            ["oauth_version"] = "1.0",
        };

        var signature = XOAuth1.Signature("POST", url, parameters, "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw", "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE");

        Assert.Equal("hCtSmYh+iHYCEqBWrE7C7hYmtUk=", signature);
    }

    [Fact]
    public async Task A_reply_to_a_mention_is_a_reply_post_to_the_customers_newest_post_signed_for_our_account()
    {
        await using var x = await XHost.StartAsync();
        await MentionLifecycleAsync(x);
    }

    [Fact]
    public async Task The_same_lifecycle_works_on_redis()
    {
        await using var x = await XHost.StartAsync(RedisSettings.Fresh(RedisServer.Shared));
        await MentionLifecycleAsync(x);
    }

    [Fact]
    public async Task A_reply_to_a_direct_message_is_a_direct_message_to_the_sender()
    {
        await using var x = await XHost.StartAsync();
        var postId = await x.ReceiveAsync(x.DirectMessage("1488555600000000001", "Hi, my order 5512 is late"), "dm:1488555600000000001");

        await AnswerAsync(x, postId);

        var call = Assert.Single(x.Api.Calls);
        Assert.Equal("/2/dm_conversations/with/3805104374/messages", call.Path);
        Assert.Equal(Reply, call.Json["text"]!.GetValue<string>());
        Assert.NotNull(await x.Host.Service<ISentReplies>().DeliveredAtAsync(postId, 1));
    }

    [Fact]
    public async Task A_public_reply_to_a_post_that_did_not_mention_us_is_refused_with_the_offer_of_a_direct_message()
    {
        await using var x = await XHost.StartAsync();
        var postId = await x.ReceiveAsync(x.Tweet("1101", "Acme lost my parcel again", mentionsUs: false), "tweet:1101");
        await DraftAsync(x, postId);

        var refused = await x.Host.ActAsync(postId, PostTrigger.Send, "alice");

        Assert.Equal(CommandOutcome.Rejected, refused.Outcome);
        Assert.Equal("Ana's post does not mention or quote our account, and X accepts public replies through the API only to posts that do. Answer @ana_lopez by direct message instead.", refused.Message);
        Assert.Empty(x.Api.Calls);
    }

    [Fact]
    public async Task With_the_enterprise_rule_any_post_may_be_answered_in_public()
    {
        await using var x = await XHost.StartAsync(new Dictionary<string, string?> { ["Sources:X:ReplyRule"] = "Any" });
        var postId = await x.ReceiveAsync(x.Tweet("1101", "Acme lost my parcel again", mentionsUs: false), "tweet:1101");

        await AnswerAsync(x, postId);

        Assert.Equal("1101", Assert.Single(x.Api.Calls).Json["reply"]!["in_reply_to_tweet_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_draft_over_280_as_x_counts_is_refused_though_it_has_fewer_characters()
    {
        await using var x = await XHost.StartAsync();
        var postId = await x.ReceiveAsync(x.Tweet("1001", "@AcmeHelp where is my parcel?"), "mention:1001");
        await x.Host.ActAsync(postId, PostTrigger.Claim, "alice");

        // 150 characters, but CJK weighs 2: 300.
        var refused = await x.Host.ActAsync(postId, PostTrigger.SubmitDraft, "alice", new DraftInput("Ana " + new string('荷', 146)));

        Assert.Equal(CommandOutcome.Rejected, refused.Outcome);
        Assert.Contains("this one counts 296", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rate_limit_waits_for_xs_reset_time_and_a_server_error_is_retried()
    {
        await using var x = await XHost.StartAsync();
        var postId = await DraftedMentionAsync(x);
        x.Api.RateLimit(seconds: 30);
        x.Api.Fail();

        await x.Host.ActAsync(postId, PostTrigger.Send, "alice");
        for (var i = 0; i < 8; i++)
        {
            await x.Host.DeliverAsync();
            x.Host.Time.Advance(TimeSpan.FromSeconds(10));
        }

        Assert.Equal(3, x.Api.Calls.Count);
        Assert.NotNull(await x.Host.Service<ISentReplies>().DeliveredAtAsync(postId, 1));
    }

    [Fact]
    public async Task A_reply_x_forbids_is_final_with_xs_words()
    {
        await using var x = await XHost.StartAsync();
        var postId = await DraftedMentionAsync(x);
        // X: a 403 problem for a reply the author did not invite, docs.x.com/x-api/fundamentals/response-codes-and-errors
        x.Api.Answer(403, """{"detail":"Reply to this conversation is not allowed because you have not been mentioned or otherwise engaged by the author of the post you are replying to.","type":"about:blank","title":"Forbidden","status":403}""");
        await x.Host.ActAsync(postId, PostTrigger.Send, "alice");

        var post = await x.Host.PostAsync(postId);
        var result = await x.Host.Service<XReplySender>().SendAsync(post, post.Replies[0], 1, CancellationToken.None);

        Assert.Equal(SurfaceDeliveryStatus.Failed, result.Status);
        Assert.StartsWith("X does not allow this reply: Reply to this conversation is not allowed", result.Reason, StringComparison.Ordinal);
        Assert.Equal(ReplyDeliveryStatus.Refused, result.Reply);

        // Through the outbox, the owner's card says it and offers no retry.
        x.Api.Answer(403, """{"detail":"Reply to this conversation is not allowed because you have not been mentioned or otherwise engaged by the author of the post you are replying to.","type":"about:blank","title":"Forbidden","status":403}""");
        await x.Host.DeliverAsync();
        await FinalRefusal.AssertAsync(x.Host, postId, "X does not allow this reply: Reply to this conversation is not allowed");
    }

    [Fact]
    public async Task A_reply_whose_answer_never_came_is_not_posted_again()
    {
        await using var x = await XHost.StartAsync();
        var postId = await DraftedMentionAsync(x);
        x.Api.Hang();

        await x.Host.ActAsync(postId, PostTrigger.Send, "alice");
        await x.Host.DeliverAsync();
        x.Host.Time.Advance(TimeSpan.FromMinutes(10));
        await x.Host.DeliverAsync();

        Assert.Single(x.Api.Calls);
        Assert.Equal(new OutboxDepth(0, 1), await x.Host.Service<IOutbox>().DepthAsync());
    }

    private static async Task MentionLifecycleAsync(XHost x)
    {
        var postId = await x.ReceiveAsync(x.Tweet("1001", "@AcmeHelp where is my parcel?"), "mention:1001");
        using (await x.PostAsync(x.Tweet("1002", "@AcmeHelp hello??", inReplyTo: "1001")))
        {
        }

        await AnswerAsync(x, postId);

        var call = Assert.Single(x.Api.Calls);
        Assert.Equal(("POST", "/2/tweets"), (call.Method, call.Path));
        Assert.Equal((Reply, "1002"), (call.Json["text"]!.GetValue<string>(), call.Json["reply"]!["in_reply_to_tweet_id"]!.GetValue<string>()));
        var authorization = call.Header("Authorization");
        Assert.StartsWith("OAuth ", authorization, StringComparison.Ordinal);
        Assert.Contains($"oauth_consumer_key=\"{XHost.ConsumerKey}\"", authorization, StringComparison.Ordinal);
        Assert.Contains($"oauth_token=\"{XHost.AccessToken}\"", authorization, StringComparison.Ordinal);
        Assert.Contains("oauth_signature_method=\"HMAC-SHA1\"", authorization, StringComparison.Ordinal);
        Assert.NotNull(await x.Host.Service<ISentReplies>().DeliveredAtAsync(postId, 1));
        Assert.Equal(PostState.Sent, (await x.Host.PostAsync(postId)).State);
    }

    /// <summary>A mention of our account, claimed by Alice with a reply drafted.</summary>
    private static async Task<string> DraftedMentionAsync(XHost x)
    {
        var postId = await x.ReceiveAsync(x.Tweet("1001", "@AcmeHelp where is my parcel?"), "mention:1001");
        await DraftAsync(x, postId);
        return postId;
    }

    private static async Task DraftAsync(XHost x, string postId)
    {
        await x.Host.ActAsync(postId, PostTrigger.Claim, "alice");
        var drafted = await x.Host.ActAsync(postId, PostTrigger.SubmitDraft, "alice", new DraftInput(Reply));
        Assert.Equal(CommandOutcome.Applied, drafted.Outcome);
    }

    private static async Task AnswerAsync(XHost x, string postId)
    {
        await DraftAsync(x, postId);
        var sent = await x.Host.ActAsync(postId, PostTrigger.Send, "alice");
        Assert.Equal(CommandOutcome.Applied, sent.Outcome);
        await x.Host.DeliverAsync();
    }
}
