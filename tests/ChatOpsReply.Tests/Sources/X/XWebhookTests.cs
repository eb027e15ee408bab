using System.Net;
using System.Text.Json;
using System.Text;
using ChatOpsReply.Posts;
using ChatOpsReply.Sources.X;
using ChatOpsReply.Sources;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Sources.X;

/// <summary>X's webhook: the CRC check, x-twitter-webhooks-signature, and posts and messages as the Account Activity API sends them.</summary>
public sealed class XWebhookTests : IAsyncLifetime
{
    private XHost _x = null!;

    public async Task InitializeAsync() => _x = await XHost.StartAsync();

    public async Task DisposeAsync() => await _x.DisposeAsync();

    [Fact]
    public async Task The_crc_check_answers_the_base64_hmac_of_the_token()
    {
        // Computed with: printf challenge_string | openssl dgst -sha256 -hmac test-x-consumer-secret -binary | base64
        const string Expected = "sha256=20txKKUvZS3N3Spum5A0Q2sdfcmmL7hpuB/KRPU8Ado=";

        using var response = await _x.Client.GetAsync("/api/sources/x?crc_token=challenge_string");
        using var missing = await _x.Client.GetAsync("/api/sources/x");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Expected, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("response_token").GetString());
        Assert.Equal(Expected, XEndpoints.ResponseToken(XHost.ConsumerSecret, "challenge_string"));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
    }

    [Fact]
    public async Task A_tampered_body_another_secret_or_no_signature_is_refused_and_stores_nothing()
    {
        var json = _x.Tweet("1001", "@AcmeHelp where is my parcel?");
        var signature = BodySignature.Base64Encoded.Sign(XHost.ConsumerSecret, Encoding.UTF8.GetBytes(json));

        using var tampered = await _x.PostBytesAsync(Encoding.UTF8.GetBytes(json.Replace("parcel", "refund", StringComparison.Ordinal)), signature);
        using var other = await _x.PostAsync(json, secret: "another-app");
        using var none = await _x.PostBytesAsync(Encoding.UTF8.GetBytes(json), "");

        Assert.All([tampered, other, none], r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Empty(await _x.Host.Service<IPostStore>().ListAsync(new PostQuery()));
    }

    [Fact]
    public async Task A_mention_becomes_an_x_post_by_the_author_with_a_link_to_it()
    {
        var postId = await _x.ReceiveAsync(_x.Tweet("1001", "@AcmeHelp where is my parcel?"), "mention:1001");

        var post = await _x.Host.PostAsync(postId);
        Assert.Equal(("x", "@ana_lopez", "Ana Lopez", "@AcmeHelp where is my parcel?"), (post.Source, post.Author.Handle, post.Author.DisplayName, post.Text));
        Assert.Equal(("tweets:3805104374", "https://x.com/ana_lopez/status/1001"), (post.ThreadId, post.Url));
    }

    [Fact]
    public async Task A_later_post_by_the_same_customer_attaches_to_their_open_post()
    {
        var postId = await _x.ReceiveAsync(_x.Tweet("1001", "@AcmeHelp where is my parcel?"), "mention:1001");
        using (await _x.PostAsync(_x.Tweet("1002", "Still nothing.", mentionsUs: false, inReplyTo: "1001")))
        {
        }

        var post = await _x.Host.PostAsync(postId);
        Assert.Equal(["tweet:1002"], post.FollowUps.Select(f => f.ExternalId));
    }

    [Fact]
    public async Task A_direct_message_becomes_an_x_post_in_a_conversation_with_the_sender()
    {
        var postId = await _x.ReceiveAsync(_x.DirectMessage("1488555600000000001", "Hi, my order 5512 is late"), "dm:1488555600000000001");

        var post = await _x.Host.PostAsync(postId);
        Assert.Equal(("dm:3805104374", "@ana_lopez", "Hi, my order 5512 is late"), (post.ThreadId, post.Author.Handle, post.Text));
    }

    [Fact]
    public async Task Our_own_posts_and_messages_retweets_and_other_event_kinds_are_acknowledged_and_ignored()
    {
        string[] ignored =
        [
            _x.Tweet("1003", "Thanks for waiting!", userId: XHost.AccountId, screenName: XHost.AccountHandle),
            _x.DirectMessage("1488555600000000002", "We are on it", sender: XHost.AccountId, screenName: XHost.AccountHandle),
            _x.Tweet("1004", "RT @AcmeHelp: news").Replace("\"lang\":\"en\"", "\"lang\":\"en\",\"retweeted_status\":{\"id_str\":\"9\"}", StringComparison.Ordinal),
            """{"for_user_id":"2244994945","favorite_events":[{"id":"a7ba59eab0bfcba386f7acedac279542","created_at":"Mon Nov 23 09:00:00 +0000 2026","timestamp_ms":1800000000000,"favorited_status":{"id_str":"1"},"user":{"id_str":"3805104374"}}]}""",
            """{"for_user_id":"2244994945","direct_message_indicate_typing_events":[{"created_timestamp":"1518127183443","sender_id":"3805104374","target":{"recipient_id":"2244994945"}}]}""",
        ];

        foreach (var json in ignored)
        {
            using var response = await _x.PostAsync(json);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Empty(await _x.Host.Service<IPostStore>().ListAsync(new PostQuery()));
    }

    [Fact]
    public async Task A_malformed_event_gets_400_naming_the_field_and_hostile_bytes_never_a_5xx()
    {
        var noUser = _x.Tweet("1005", "@AcmeHelp my address is 1 Main St").Replace("\"screen_name\":\"ana_lopez\"", "\"screen_name\":null", StringComparison.Ordinal);
        using var malformed = await _x.PostAsync(noUser);
        var body = await malformed.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("tweet_create_events[0].user.screen_name", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Main St", body, StringComparison.Ordinal);

        byte[][] hostile =
        [
            Encoding.UTF8.GetBytes(_x.Tweet("1006", "x")[..30]),
            [.. Encoding.UTF8.GetBytes("{\"tweet_create_events\":[{\"id_str\":\""), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\"}]}")],
            Encoding.UTF8.GetBytes(_x.Tweet("1007", "x").Replace("\"text\":\"x\"", "\"text\":\"\\udc00 lone\"", StringComparison.Ordinal)),
            Encoding.UTF8.GetBytes("[1,2,3]"),
        ];
        foreach (var bytes in hostile)
        {
            using var response = await _x.PostBytesAsync(bytes, BodySignature.Base64Encoded.Sign(XHost.ConsumerSecret, bytes));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }

    [Fact]
    public async Task With_the_store_down_x_gets_503_with_retry_after()
    {
        await using var x = await XHost.StartAsync(services: FlakyPostStore.Use);
        x.Host.Service<FlakyPostStore>().Down = true;

        using var response = await x.PostAsync(x.Tweet("1008", "@AcmeHelp hello there"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("5", response.Headers.RetryAfter?.ToString());
    }
}
