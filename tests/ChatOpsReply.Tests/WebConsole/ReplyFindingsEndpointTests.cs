using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsReply.Library.Model;
using ChatOpsReply.Tests.Library;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.WebConsole;

/// <summary>
/// The console's live check, <c>POST /console/posts/{id}/findings</c>: every finding of a reply being
/// typed, with its code, stage and span, for signed-in people only; bad requests named, never a 5xx.
/// </summary>
public sealed class ReplyFindingsEndpointTests
{
    [Fact]
    public async Task Nobody_signed_in_learns_nothing_about_the_post()
    {
        using var host = new ServiceHost();
        var postId = await host.ReceiveAsync("My parcel never came, Ana here.");
        using var anonymous = host.NewClient();

        using var response = await CheckAsync(anonymous, postId, "Hi Ana, sorry!");

        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Unauthorized, $"answered {(int)response.StatusCode}");
        Assert.DoesNotContain("Ana", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        host.DeleteFolder();
    }

    [Fact]
    public async Task A_bad_request_is_refused_naming_what_to_send()
    {
        using var host = new ServiceHost();
        var postId = await host.ReceiveAsync("Where is my parcel?");
        var alice = new ConsoleSession(host.NewClient());
        await alice.SignInAsync("alice");

        using var noText = await CheckAsync(alice.Client, postId, body: "{}");
        using var notJson = await CheckAsync(alice.Client, postId, body: "{\"text\":");
        using var form = await alice.Client.PostAsync($"/console/posts/{postId}/findings", new FormUrlEncodedContent(new Dictionary<string, string> { ["text"] = "Hi" }));
        using var missing = await CheckAsync(alice.Client, "no-such-post", "Hi Ana, it is on its way.");

        Assert.Equal(HttpStatusCode.BadRequest, noText.StatusCode);
        Assert.Equal("application/problem+json", noText.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(JsonNode.Parse(await noText.Content.ReadAsStringAsync())!["errors"]!["text"]);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        host.DeleteFolder();
    }

    [Fact]
    public async Task A_text_shows_what_stops_it_going_now_and_where_the_words_it_is_about_stand()
    {
        await using var twilio = await TwilioHost.StartAsync();
        // A San Francisco number: 09:00 UTC is 01:00 there, and nobody recorded an opt-in.
        var postId = await twilio.ReceiveAsync("Where is my parcel?", from: "+14155550123");
        var alice = new ConsoleSession(twilio.Host.NewClient());
        await alice.SignInAsync("alice");
        const string reply = "  Hi there, order {order.number} arrives tomorrow.";

        var check = await FindingsAsync(alice.Client, postId, reply);

        Assert.False(check["passes"]!.GetValue<bool>());
        Assert.False(check["sendable"]!.GetValue<bool>());
        var placeholder = Finding(check, "placeholder");
        Assert.Equal(("error", "draft"), (placeholder["severity"]!.GetValue<string>(), placeholder["stage"]!.GetValue<string>()));
        Assert.Equal("{order.number}", reply.Substring(placeholder["start"]!.GetValue<int>(), placeholder["length"]!.GetValue<int>()));
        Assert.Equal(("error", "send"), (Finding(check, "no-opt-in")["severity"]!.GetValue<string>(), Finding(check, "no-opt-in")["stage"]!.GetValue<string>()));
        Assert.StartsWith("It is 01:00 for +14155550123 (America/Los_Angeles), inside their quiet hours", Finding(check, "quiet-hours")["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(Finding(check, "quiet-hours")["start"]);
    }

    [Fact]
    public async Task A_heated_public_thread_suggests_the_take_it_offline_answer_and_x_says_when_it_takes_no_public_reply()
    {
        await using var x = await XHost.StartAsync();
        var offline = await x.Host.ApprovedAnswerAsync(new AnswerDocument
        {
            Title = "Let's talk in private",
            Body = "Hi {customer.name}, I'm sorry. Please send us a direct message with your order number and I'll sort it out personally. {agent.name}",
            Tags = ["take-offline"],
        });
        var postId = await x.ReceiveAsync(x.Tweet("1101", "This is RIDICULOUS, the worst service ever", mentionsUs: false), "tweet:1101");
        var alice = new ConsoleSession(x.Host.NewClient());
        await alice.SignInAsync("alice");

        var check = await FindingsAsync(alice.Client, postId, "Hi Ana, we are so sorry about this, we are on it.");

        Assert.True(check["passes"]!.GetValue<bool>());
        Assert.False(check["sendable"]!.GetValue<bool>());
        var heated = Finding(check, "heated-thread");
        Assert.Equal("warning", heated["severity"]!.GetValue<string>());
        Assert.Equal((offline.Id, "Let's talk in private"), (heated["suggestion"]!["answerId"]!.GetValue<string>(), heated["suggestion"]!["title"]!.GetValue<string>()));
        Assert.Contains("does not mention or quote our account", Finding(check, "public-reply-not-allowed")["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> CheckAsync(HttpClient client, string postId, string? text = null, string? body = null)
    {
        var json = body ?? JsonSerializer.Serialize(new { text });
        return await client.PostAsync($"/console/posts/{postId}/findings", new StringContent(json, Encoding.UTF8, "application/json"));
    }

    private static async Task<JsonNode> FindingsAsync(HttpClient client, string postId, string text)
    {
        using var response = await CheckAsync(client, postId, text);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonNode.Parse(body)!;
    }

    private static JsonNode Finding(JsonNode check, string code) =>
        check["findings"]!.AsArray().SingleOrDefault(f => f!["code"]!.GetValue<string>() == code)
            ?? throw new InvalidOperationException($"No {code} finding in {check.ToJsonString()}");
}
