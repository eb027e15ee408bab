using System.Net;
using System.Text.Json.Nodes;
using System.Text;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Slack;

/// <summary>Slack's requests at the door: verified before read, events handled once, Slack's own checks answered.</summary>
public sealed class SlackInboundTests : IAsyncLifetime
{
    private SlackHost _slack = null!;

    public async Task InitializeAsync() => _slack = await SlackHost.StartAsync();

    public async Task DisposeAsync() => await _slack.DisposeAsync();

    [Fact]
    public async Task The_url_verification_challenge_is_answered()
    {
        using var response = await _slack.EventAsync(SlackHost.Fixture("url_verification.json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["challenge"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_mention_of_the_bot_is_answered_in_its_thread_once_however_often_slack_retries()
    {
        var mention = SlackHost.Fixture("event_callback.json");
        using (var first = await _slack.EventAsync(mention))
        using (var retry = await _slack.EventAsync(mention, retryNum: 1))
        using (var again = await _slack.EventAsync(mention, retryNum: 2))
        {
            Assert.All([first, retry, again], r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        }

        var answer = await _slack.Slack.WaitForAsync("chat.postMessage");
        Assert.Equal("1700000300.000200", answer.Arg("thread_ts"));
        Assert.Contains("/replies help", answer.Arg("text"), StringComparison.Ordinal);
        await Task.Delay(300);
        Assert.Single(_slack.Slack.Of("chat.postMessage"));
    }

    [Theory]
    [InlineData("/api/slack/events")]
    [InlineData("/api/slack/interactions")]
    [InlineData("/api/slack/commands")]
    public async Task A_request_signed_with_another_secret_is_refused_and_logged_without_its_body(string path)
    {
        const string secretWords = "payload=%7B%22type%22%3A%22block_actions%22%7D&text=TOP-SECRET-BODY";
        using var request = _slack.SignedRequest(path, secretWords, "application/x-www-form-urlencoded", secret: "not-our-secret");
        using var response = await _slack.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_slack.Slack.Calls);
        Assert.DoesNotContain("TOP-SECRET-BODY", _slack.Host.Errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replayed_request_older_than_five_minutes_is_refused()
    {
        var postId = await _slack.Host.ReceiveAsync("Where is my parcel?");
        var click = SlackHost.Fixture("block_actions.json");
        click["actions"]![0]!["value"] = postId;
        using var request = _slack.SignedRequest("/api/slack/interactions", "payload=" + Uri.EscapeDataString(click.ToJsonString()), "application/x-www-form-urlencoded", at: _slack.Host.Time.GetUtcNow().AddMinutes(-6));
        using var response = await _slack.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(global::ChatOpsReply.Posts.PostState.Open, (await _slack.Host.PostAsync(postId)).State);
    }

    [Fact]
    public async Task An_unsigned_post_is_refused()
    {
        using var content = new StringContent("{\"type\":\"url_verification\",\"challenge\":\"x\"}", Encoding.UTF8, "application/json");
        using var response = await _slack.Client.PostAsync("/api/slack/events", content);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Slacks_unsigned_ssl_check_gets_an_empty_ok()
    {
        using var content = new StringContent("ssl_check=1&token=legacy-verification-token", Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await _slack.Client.PostAsync("/api/slack/commands", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_signed_ssl_check_gets_an_empty_ok_too()
    {
        using var request = _slack.SignedRequest("/api/slack/commands", "ssl_check=1&token=legacy-verification-token", "application/x-www-form-urlencoded");
        using var response = await _slack.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_lone_surrogate_or_invalid_utf8_in_a_signed_event_is_a_bad_request_naming_the_field()
    {
        // What s.slice(0, n) makes of an emoji, even in a url_verification.
        const string cut = "{\"token\":\"Jhj5dZrVaK7ZwHHjRyZWjbDl\",\"challenge\":\"3eZbrw1aB\\ud83d\",\"type\":\"url_verification\"}";
        byte[] invalid = [.. Encoding.UTF8.GetBytes("{\"type\":\"event_callback\",\"event_id\":\"Ev1\",\"event\":{\"type\":\"app_mention\",\"text\":\"a"), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\"}}")];

        using var surrogate = await _slack.Client.SendAsync(_slack.SignedRequest("/api/slack/events", cut, "application/json"));
        using var bytes = await _slack.Client.SendAsync(_slack.SignedRequest("/api/slack/events", invalid, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, surrogate.StatusCode);
        Assert.Contains("challenge", await surrogate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, bytes.StatusCode);
        Assert.Contains("event.text", await bytes.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_slack.Slack.Calls);
    }

    [Fact]
    public async Task A_lone_surrogate_in_a_signed_interaction_is_a_bad_request_naming_the_field()
    {
        var postId = await _slack.Host.ReceiveAsync("Where is my parcel?");
        var click = SlackHost.Fixture("block_actions.json");
        click["actions"]![0]!["value"] = postId;
        var payload = click.ToJsonString().Replace("\"type\":\"block_actions\"", "\"type\":\"block_actions\",\"note\":\"\\udc00\"", StringComparison.Ordinal);

        using var response = await _slack.Client.SendAsync(_slack.SignedRequest("/api/slack/interactions", "payload=" + Uri.EscapeDataString(payload), "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("note", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(global::ChatOpsReply.Posts.PostState.Open, (await _slack.Host.PostAsync(postId)).State);
    }

    [Fact]
    public async Task Slack_endpoints_do_not_exist_while_slack_is_off()
    {
        using var host = new ServiceHost();
        using var client = host.CreateClient();
        using var content = new StringContent("{}", Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/api/slack/events", content);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        host.DeleteFolder();
    }
}
