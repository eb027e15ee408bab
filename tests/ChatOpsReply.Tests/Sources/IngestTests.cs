using System.Net;
using System.Text.Json;
using System.Text;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;
using Microsoft.Data.Sqlite;

namespace ChatOpsReply.Tests.Sources;

/// <summary><c>POST /api/posts</c> over HTTP: the happy path and every way a sender can get it wrong.</summary>
public sealed class IngestTests : IDisposable
{
    private readonly ServiceHost _host = new();

    private const string Valid = """
        {"source":"x","externalId":"1790000000000000001","threadId":"1790000000000000001","author":{"handle":"@ana","displayName":"Ana López"},"text":"My order #4411 never arrived","url":"https://x.com/ana/status/1790000000000000001","receivedAt":"2026-11-23T08:55:00Z"}
        """;

    [Fact]
    public async Task A_signed_post_is_stored_and_acknowledged_with_its_id()
    {
        using var client = _host.NewClient();

        using var response = await _host.PostSignedAsync(client, Valid);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("created", body.GetProperty("status").GetString());
        var post = await _host.PostAsync(body.GetProperty("id").GetString()!);
        Assert.Equal("x", post.Source);
        Assert.Equal("Ana López", post.Author.DisplayName);
        Assert.Equal("support", post.Queue);
        Assert.Equal(PostState.Open, post.State);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 8, 55, 0, TimeSpan.Zero), post.ReceivedAt);
        Assert.Equal(TestConfig.Start.AddMinutes(15), post.ClaimDueAt);
    }

    [Fact]
    public async Task The_same_message_twice_returns_the_same_id_and_creates_nothing()
    {
        using var client = _host.NewClient();

        using var first = await _host.PostSignedAsync(client, Valid);
        using var second = await _host.PostSignedAsync(client, Valid);

        var a = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement;
        var b = JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(a.GetProperty("id").GetString(), b.GetProperty("id").GetString());
        Assert.Equal("duplicate", b.GetProperty("status").GetString());
        Assert.Single(await _host.Service<IPostStore>().ListAsync(new PostQuery()));
    }

    [Fact]
    public async Task Twenty_concurrent_deliveries_of_one_message_store_one_post()
    {
        using var client = _host.NewClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _host.PostSignedAsync(client, Valid)));

        Assert.True(responses.All(r => r.StatusCode == HttpStatusCode.Accepted), $"{string.Join(", ", responses.Select(r => (int)r.StatusCode))}\n{_host.Errors}");
        var ids = await Task.WhenAll(responses.Select(async r => JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()));
        Assert.Single(ids.Distinct());
        Assert.Single(await _host.Service<IPostStore>().ListAsync(new PostQuery()));
    }

    [Fact]
    public async Task A_follow_up_in_the_thread_attaches_to_the_open_post()
    {
        var postId = await _host.ReceiveAsync("My order never arrived", externalId: "t-1");

        var followUpId = await _host.ReceiveAsync("Hello?? Anyone there?", externalId: "t-2", threadId: "t-1");

        Assert.Equal(postId, followUpId);
        var post = await _host.PostAsync(postId);
        Assert.Equal("Hello?? Anyone there?", Assert.Single(post.FollowUps).Text);
        Assert.Single(await _host.Service<IPostStore>().ListAsync(new PostQuery()));
    }

    [Fact]
    public async Task A_follow_up_that_mentions_a_lawyer_makes_the_post_sensitive()
    {
        var postId = await _host.ReceiveAsync("My order never arrived", externalId: "t-1");

        await _host.ReceiveAsync("I am calling my lawyer.", externalId: "t-2", threadId: "t-1");

        Assert.Equal("legal", (await _host.PostAsync(postId)).Sensitivity);
    }

    [Fact]
    public async Task A_message_in_the_thread_of_a_closed_post_starts_a_new_post()
    {
        var postId = await _host.ReceiveAsync("Spam spam", externalId: "t-1");
        await _host.ActAsync(postId, PostTrigger.Dismiss, "alice", new CommentInput { Comment = "spam" });

        var next = await _host.ReceiveAsync("Actually I have a real question", externalId: "t-2", threadId: "t-1");

        Assert.NotEqual(postId, next);
    }

    [Theory]
    [InlineData("""{"externalId":"1","author":{"handle":"@a"},"text":"hi"}""", "source")]
    [InlineData("""{"source":"x","author":{"handle":"@a"},"text":"hi"}""", "externalId")]
    [InlineData("""{"source":"x","externalId":"1","text":"hi"}""", "author")]
    [InlineData("""{"source":"x","externalId":"1","author":{"displayName":"A"},"text":"hi"}""", "author.handle")]
    [InlineData("""{"source":"x","externalId":"1","author":{"handle":"@a"}}""", "text")]
    [InlineData("""{"source":"x","externalId":"1","author":{"handle":"@a"},"text":"   "}""", "text")]
    [InlineData("""{"source":"x","externalId":1,"author":{"handle":"@a"},"text":"hi"}""", "externalId")]
    [InlineData("""{"source":"x y","externalId":"1","author":{"handle":"@a"},"text":"hi"}""", "source")]
    [InlineData("""{"source":"x","externalId":"1","author":{"handle":"@a"},"text":"hi","url":"javascript:alert(1)"}""", "url")]
    [InlineData("""{"source":"x","externalId":"1","author":{"handle":"@a"},"text":"hi","receivedAt":"yesterday"}""", "receivedAt")]
    [InlineData("""{"source":"x","externalId":"1","author":"@a","text":"hi"}""", "author")]
    [InlineData("""{"source":"x","externalId":"1","author":{"handle":"@a"},"text":"cut emoji \ud83d"}""", "text")]
    [InlineData("""{"source":"x","externalId":"1","author":{"handle":"@a\udc00"},"text":"hi"}""", "author.handle")]
    [InlineData("""{"source":"x", "externalId": """, "body")]
    [InlineData("""[1,2,3]""", "body")]
    public async Task A_bad_body_gets_a_400_problem_naming_the_field_and_stores_nothing(string json, string field)
    {
        using var client = _host.NewClient();

        using var response = await _host.PostSignedAsync(client, json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"errors should name {field}: {errors}");
        Assert.Empty(await _host.Service<IPostStore>().ListAsync(new PostQuery()));
    }

    [Fact]
    public async Task A_body_over_256_KB_gets_a_413()
    {
        using var client = _host.NewClient();
        var json = $$"""{"source":"x","externalId":"1","author":{"handle":"@a"},"text":"{{new string('a', 300 * 1024)}}"}""";

        using var response = await _host.PostSignedAsync(client, json);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_body_over_256_KB_without_a_length_header_gets_a_413()
    {
        using var client = _host.NewClient();
        var body = Encoding.UTF8.GetBytes($$"""{"source":"x","externalId":"1","author":{"handle":"@a"},"text":"{{new string('a', 300 * 1024)}}"}""");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/posts") { Content = new StreamContent(new NoLengthStream(body)) };

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_missing_signature_gets_a_401()
    {
        using var client = _host.NewClient();

        using var response = await client.PostAsync("/api/posts", new StringContent(Valid, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_signature_with_the_wrong_secret_gets_a_401_and_stores_nothing()
    {
        using var client = _host.NewClient();

        using var response = await _host.PostSignedAsync(client, Valid, secret: "not-the-secret");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await _host.Service<IPostStore>().ListAsync(new PostQuery()));
    }

    [Fact]
    public async Task A_body_changed_after_signing_gets_a_401()
    {
        using var client = _host.NewClient();
        var timestamp = _host.Time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = ChatOpsReply.Sources.GenericWebhookSignature.Sign(TestConfig.GenericSecret, timestamp, Encoding.UTF8.GetBytes(Valid));
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/posts") { Content = new StringContent(Valid.Replace("never arrived", "arrived", StringComparison.Ordinal), Encoding.UTF8, "application/json") };
        request.Headers.Add("X-ChatOpsReply-Timestamp", timestamp);
        request.Headers.Add("X-ChatOpsReply-Signature", signature);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(-6)]
    [InlineData(6)]
    public async Task A_timestamp_more_than_five_minutes_away_gets_a_401(int minutes)
    {
        using var client = _host.NewClient();

        using var response = await _host.PostSignedAsync(client, Valid, signedAt: _host.Time.GetUtcNow().AddMinutes(minutes));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task With_the_store_locked_the_sender_gets_503_and_a_retry_later_works()
    {
        using var host = new ServiceHost(new Dictionary<string, string?> { ["Storage:Sqlite:BusyTimeoutSeconds"] = "1" });
        using var client = host.NewClient();
        await host.ReceiveAsync("warm up: creates the schema");
        var database = Path.Combine(host.Folder, "chatopsreply.db");

        using (var locker = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            locker.Open();
            using var exclusive = locker.CreateCommand();
            exclusive.CommandText = "BEGIN EXCLUSIVE";
            exclusive.ExecuteNonQuery();

            using var refused = await host.PostSignedAsync(client, Valid);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(refused.Headers.RetryAfter);
        }

        using var accepted = await host.PostSignedAsync(client, Valid);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(2, (await host.Service<IPostStore>().ListAsync(new PostQuery())).Count);
        host.Dispose();
        host.DeleteFolder();
    }

    [Fact]
    public async Task A_texted_STOP_records_the_opt_out_and_START_the_opt_in_without_a_card()
    {
        using var client = _host.NewClient();

        using var stop = await _host.PostSignedAsync(client, """{"source":"sms","externalId":"m1","author":{"handle":"+15550001"},"text":"STOP"}""");
        Assert.Equal("consent", JsonDocument.Parse(await stop.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
        Assert.False((await _host.Service<IConsentStore>().GetAsync("sms", "+15550001"))!.OptedIn);

        _host.Time.Advance(TimeSpan.FromMinutes(1));
        using var start = await _host.PostSignedAsync(client, """{"source":"sms","externalId":"m2","author":{"handle":"+15550001"},"text":"Start"}""");
        Assert.True((await _host.Service<IConsentStore>().GetAsync("sms", "+15550001"))!.OptedIn);
        Assert.Empty(await _host.Service<IPostStore>().ListAsync(new PostQuery()));
    }

    [Fact]
    public async Task A_START_delivered_again_after_a_STOP_leaves_the_customer_opted_out()
    {
        using var client = _host.NewClient();
        const string start = """{"source":"sms","externalId":"s1","author":{"handle":"+15550002"},"text":"START"}""";

        using (await _host.PostSignedAsync(client, start))
        {
        }

        _host.Time.Advance(TimeSpan.FromMinutes(1));
        using (await _host.PostSignedAsync(client, """{"source":"sms","externalId":"s2","author":{"handle":"+15550002"},"text":"STOP"}"""))
        {
        }

        _host.Time.Advance(TimeSpan.FromMinutes(1));
        using var replay = await _host.PostSignedAsync(client, start);

        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        Assert.Equal("consent", JsonDocument.Parse(await replay.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
        var consent = await _host.Service<IConsentStore>().GetAsync("sms", "+15550002");
        Assert.Equal((false, "texted \"STOP\" (message s2)"), (consent!.OptedIn, consent.Evidence));
        Assert.Empty(await _host.Service<IPostStore>().ListAsync(new PostQuery()));
    }

    [Fact]
    public async Task Bytes_that_are_not_UTF8_inside_a_string_get_a_400_naming_the_field()
    {
        using var client = _host.NewClient();
        byte[] body = [.. Encoding.UTF8.GetBytes("{\"source\":\"x\",\"externalId\":\"1\",\"author\":{\"handle\":\"@a\",\"displayName\":\"An"), 0xE2, 0x28, 0xA1, .. Encoding.UTF8.GetBytes("\"},\"text\":\"hi\"}")];

        using var response = await _host.PostSignedAsync(client, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("author.displayName", out _), $"errors should name author.displayName: {errors}");
        Assert.Empty(await _host.Service<IPostStore>().ListAsync(new PostQuery()));
    }

    [Fact]
    public async Task Posts_are_routed_by_keyword_and_source_and_sensitive_ones_are_marked()
    {
        var billing = await _host.PostAsync(await _host.ReceiveAsync("I want a REFUND now"));
        var office = await _host.PostAsync(await _host.ReceiveAsync("Question about my account", source: "email"));
        var legal = await _host.PostAsync(await _host.ReceiveAsync("Expect a class-action suit"));

        Assert.Equal("billing", billing.Queue);
        Assert.Equal("office", office.Queue);
        Assert.Equal(("support", "legal"), (legal.Queue, legal.Sensitivity));
        Assert.Null(billing.Sensitivity);
    }

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteFolder();
    }

    /// <summary>A request body whose length is not known up front (chunked transfer).</summary>
    private sealed class NoLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
