using System.Net;
using System.Text;
using ChatOpsReply.Http;
using ChatOpsReply.Posts;
using ChatOpsReply.Sources;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Sources.Meta;

/// <summary>Meta's webhook: the subscription check, X-Hub-Signature-256, and each event kind as Meta documents it, through HTTP.</summary>
public sealed class MetaWebhookTests : IAsyncLifetime
{
    private MetaHost _meta = null!;

    public async Task InitializeAsync() => _meta = await MetaHost.StartAsync();

    public async Task DisposeAsync() => await _meta.DisposeAsync();

    [Fact]
    public void The_same_scheme_as_githubs_published_example_gives_its_signature()
    {
        // Meta publishes no example; GitHub's X-Hub-Signature-256 is the same scheme and does,
        // docs.github.com/webhooks/using-webhooks/validating-webhook-deliveries
        var body = Encoding.UTF8.GetBytes("Hello, World!");
        const string Expected = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

        Assert.Equal(Expected, BodySignature.Hex.Sign("It's a Secret to Everybody", body));
        Assert.Equal(SignatureCheck.Valid, BodySignature.Hex.Verify("It's a Secret to Everybody", Expected, body));
    }

    [Fact]
    public async Task The_subscription_check_echoes_the_challenge_only_for_the_right_verify_token()
    {
        using var right = await _meta.Client.GetAsync($"/api/sources/meta?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token={MetaHost.VerifyToken}");
        using var wrong = await _meta.Client.GetAsync("/api/sources/meta?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=guess");

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal("1158201444", await right.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
    }

    [Fact]
    public async Task A_tampered_body_another_secret_or_no_signature_is_refused_and_stores_nothing()
    {
        var json = _meta.FeedComment("9001_1", "Where is my parcel?");
        var signature = BodySignature.Hex.Sign(MetaHost.AppSecret, Encoding.UTF8.GetBytes(json));

        using var tampered = await _meta.PostAsync(json.Replace("Where", "When", StringComparison.Ordinal), signature: signature);
        using var otherSecret = await _meta.PostAsync(json, secret: "another-app");
        using var none = await _meta.PostBytesAsync(Encoding.UTF8.GetBytes(json), "");

        Assert.All([tampered, otherSecret, none], r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Empty(await _meta.Host.Service<IPostStore>().ListAsync(new PostQuery()));
    }

    [Fact]
    public async Task A_page_comment_becomes_a_facebook_post_with_its_author_and_a_link()
    {
        var postId = await _meta.ReceiveAsync(_meta.FeedComment("9001_1", "My order never came"), "facebook", "comment:9001_1");

        var post = await _meta.Host.PostAsync(postId);
        Assert.Equal(("facebook", "6100000000001", "Ana Lopez", "My order never came"), (post.Source, post.Author.Handle, post.Author.DisplayName, post.Text));
        Assert.Equal($"comments:{MetaHost.PageId}_9001:6100000000001", post.ThreadId);
        Assert.Equal("https://www.facebook.com/9001_1", post.Url);
    }

    [Fact]
    public async Task An_edited_comment_and_a_removed_one_are_noted_under_the_post_once_each()
    {
        var postId = await _meta.ReceiveAsync(_meta.FeedComment("9001_1", "My order never came"), "facebook", "comment:9001_1");
        var edit = _meta.FeedComment("9001_1", "My order never came, order 5512", verb: "edited");
        using (await _meta.PostAsync(edit))
        using (await _meta.PostAsync(edit))
        using (await _meta.PostAsync(_meta.FeedComment("9001_1", "", verb: "remove")))
        {
        }

        var post = await _meta.Host.PostAsync(postId);
        Assert.Equal("My order never came", post.Text);
        Assert.Equal(["(edited their comment) My order never came, order 5512", "(removed their comment)"], post.FollowUps.Select(f => f.Text));
    }

    [Fact]
    public async Task The_pages_own_comments_and_message_echoes_are_not_posts()
    {
        using (await _meta.PostAsync(_meta.FeedComment("9001_2", "Thanks for reaching out!", fromId: MetaHost.PageId, fromName: "Acme")))
        using (await _meta.PostAsync(_meta.MessengerMessage("m_echo1", "We are on it", echo: true)))
        {
        }

        Assert.Empty(await _meta.Host.Service<IPostStore>().ListAsync(new PostQuery()));
    }

    [Fact]
    public async Task A_messenger_message_becomes_a_facebook_post_in_a_conversation_with_the_sender()
    {
        var postId = await _meta.ReceiveAsync(_meta.MessengerMessage("m_abc1", "Can you check order 5512?"), "facebook", "message:m_abc1");

        var post = await _meta.Host.PostAsync(postId);
        Assert.Equal(($"dm:{MetaHost.PageId}:7100000000001", "Can you check order 5512?"), (post.ThreadId, post.Text));
        Assert.Equal(TestConfig.Stored(_meta.Host.Time.GetUtcNow()).ToUnixTimeSeconds(), post.ReceivedAt.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task An_instagram_comment_and_an_instagram_message_become_instagram_posts()
    {
        var commentPost = await _meta.ReceiveAsync(_meta.InstagramComment("17858893269000001", "Is this in stock?"), "instagram", "comment:17858893269000001");
        var messagePost = await _meta.ReceiveAsync(_meta.MessengerMessage("aWdfZAG1", "Hello, a question", sender: "9900000000000123", objectKind: "instagram", account: MetaHost.InstagramId), "instagram", "message:aWdfZAG1");

        var comment = await _meta.Host.PostAsync(commentPost);
        var message = await _meta.Host.PostAsync(messagePost);
        Assert.Equal(("@ana.lopez", "comments:17900000000000042:17841400000000777"), (comment.Author.Handle, comment.ThreadId));
        Assert.Equal($"dm:{MetaHost.InstagramId}:9900000000000123", message.ThreadId);
    }

    [Fact]
    public async Task Unknown_event_kinds_are_acknowledged_and_ignored()
    {
        var reaction = _meta.FeedComment("9001_3", "x").Replace("\"item\":\"comment\"", "\"item\":\"reaction\"", StringComparison.Ordinal);
        const string Read = """{"object":"page","entry":[{"id":"1122334455","time":1700000000000,"messaging":[{"sender":{"id":"7100000000001"},"recipient":{"id":"1122334455"},"timestamp":1700000000000,"read":{"watermark":1700000000000}}]}]}""";
        const string Other = """{"object":"user","entry":[{"id":"1","time":1,"changes":[{"field":"email","value":"x"}]}]}""";

        foreach (var json in new[] { reaction, Read, Other })
        {
            using var response = await _meta.PostAsync(json);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Empty(await _meta.Host.Service<IPostStore>().ListAsync(new PostQuery()));
    }

    [Fact]
    public async Task A_malformed_event_gets_400_naming_the_field_without_the_customers_words()
    {
        var json = _meta.MessengerMessage("m_bad", "my secret address").Replace("\"sender\":{\"id\":\"7100000000001\"}", "\"sender\":{}", StringComparison.Ordinal);

        using var response = await _meta.PostAsync(json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("entry[0].messaging[0].sender.id", body, StringComparison.Ordinal);
        Assert.DoesNotContain("secret address", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Truncated_json_invalid_utf8_and_a_lone_surrogate_get_a_4xx_never_a_5xx()
    {
        var truncated = Encoding.UTF8.GetBytes(_meta.FeedComment("9001_4", "hi")[..40]);
        byte[] invalid = [.. Encoding.UTF8.GetBytes("{\"object\":\"page\",\"entry\":[{\"id\":\""), 0xFF, 0xFE, .. Encoding.UTF8.GetBytes("\"}]}")];
        var surrogate = Encoding.UTF8.GetBytes(_meta.FeedComment("9001_5", "x").Replace("\"message\":\"x\"", "\"message\":\"\\ud83d\"", StringComparison.Ordinal));

        foreach (var bytes in new[] { truncated, invalid, surrogate })
        {
            using var response = await _meta.PostBytesAsync(bytes, BodySignature.Hex.Sign(MetaHost.AppSecret, bytes));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }

    [Fact]
    public async Task With_the_store_down_meta_gets_503_with_retry_after_and_a_redelivery_is_stored_once()
    {
        await using var meta = await MetaHost.StartAsync(services: FlakyPostStore.Use);
        var json = meta.FeedComment("9001_6", "Where is my parcel?");
        meta.Host.Service<FlakyPostStore>().Down = true;
        using (var refused = await meta.PostAsync(json))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("5", refused.Headers.RetryAfter?.ToString());
        }

        meta.Host.Service<FlakyPostStore>().Down = false;
        using (await meta.PostAsync(json))
        using (await meta.PostAsync(json))
        {
        }

        Assert.Single(await meta.Host.Service<IPostStore>().ListAsync(new PostQuery()));
    }
}
