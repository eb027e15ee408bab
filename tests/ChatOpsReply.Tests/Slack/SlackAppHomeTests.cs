using System.Net;
using System.Text.Json.Nodes;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Slack;

/// <summary>The app's Home tab in Slack: each person sees what waits on them, and nobody else sees anything about customers.</summary>
public sealed class SlackAppHomeTests : IAsyncLifetime
{
    private SlackHost _slack = null!;

    public async Task InitializeAsync() => _slack = await SlackHost.StartAsync(new Dictionary<string, string?> { ["Console:PublicUrl"] = "https://replies.example.com/" });

    public async Task DisposeAsync() => await _slack.DisposeAsync();

    [Fact]
    public async Task Opening_the_home_tab_lists_the_posts_that_wait_on_you_with_why_and_a_link_each()
    {
        var mine = await _slack.Host.ReceiveAsync("Where is my parcel? Order 4411", handle: "@ana");
        await _slack.Host.ActAsync(mine, PostTrigger.Claim, "alice");
        var escalated = await _slack.Host.ReceiveAsync("My invoice is wrong", handle: "@bo", externalId: "bo-1");
        await _slack.Host.AdvanceAsync(TimeSpan.FromMinutes(16));

        var alices = await OpenHomeAsync("Ev0HOME01", "U0ALICE");
        var carols = await OpenHomeAsync("Ev0HOME02", "U0CAROL");

        Assert.Equal("home", alices["type"]!.GetValue<string>());
        var alice = Texts(alices);
        Assert.Contains("Yours to answer", alice, StringComparison.Ordinal);
        Assert.Contains("@ana", alice, StringComparison.Ordinal);
        Assert.Contains($"https://replies.example.com/console/posts/{mine}", alice, StringComparison.Ordinal);
        Assert.DoesNotContain("@bo", alice, StringComparison.Ordinal);
        var carol = Texts(carols);
        Assert.Contains("Escalated to your tier: claim it", carol, StringComparison.Ordinal);
        Assert.Contains("@bo", carol, StringComparison.Ordinal);
        Assert.Contains($"/console/posts/{escalated}", carol, StringComparison.Ordinal);
        Assert.InRange(alices["blocks"]!.AsArray().Count, 3, 100);
    }

    [Fact]
    public async Task Someone_who_is_not_a_configured_person_sees_no_customer_on_the_home_tab()
    {
        await _slack.Host.ReceiveAsync("Where is my parcel? Order 4411", handle: "@ana");

        var home = Texts(await OpenHomeAsync("Ev0HOME03", "U0STRANGER"));

        Assert.DoesNotContain("@ana", home, StringComparison.Ordinal);
        Assert.DoesNotContain("parcel", home, StringComparison.Ordinal);
        Assert.Contains("U0STRANGER", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_with_nothing_waiting_is_told_so_and_the_messages_tab_publishes_nothing()
    {
        await _slack.Host.ReceiveAsync("Where is my parcel?", handle: "@ana");

        var home = Texts(await OpenHomeAsync("Ev0HOME04", "U0DAN"));
        using (await _slack.EventAsync(HomeOpened("Ev0HOME05", "U0DAN", tab: "messages")))
        {
        }

        Assert.Contains("Nothing waits on you right now", home, StringComparison.Ordinal);
        await Task.Delay(300);
        Assert.Single(_slack.Slack.Of("views.publish"));
    }

    [Fact]
    public async Task The_home_tab_type_checks_with_slacks_official_types()
    {
        var mine = await _slack.Host.ReceiveAsync("Where is my parcel? *now* <!channel>", handle: "@ana");
        await _slack.Host.ActAsync(mine, PostTrigger.Claim, "alice");
        var home = await OpenHomeAsync("Ev0HOME06", "U0ALICE");
        var folder = Directory.CreateTempSubdirectory("slack-home-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "home-waiting.json"), home.ToJsonString());
            var broken = home.DeepClone().AsObject();
            broken["blocks"]![0]!["text"] = "a header's text is a plain_text object";
            File.WriteAllText(Path.Combine(folder, "home-broken.json"), broken.ToJsonString());

            var (exitCode, output) = await NodeScript.RunAsync("check-slack-blocks.mjs", folder);

            Assert.Equal(1, exitCode);
            Assert.Contains("2 file(s) checked, 1 problem(s)", output, StringComparison.Ordinal);
            Assert.Contains("home-broken.json:", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        // The customer's mention of the whole channel stays text.
        Assert.DoesNotContain("<!channel>", Texts(home), StringComparison.Ordinal);
    }

    private async Task<JsonObject> OpenHomeAsync(string eventId, string user)
    {
        using (var response = await _slack.EventAsync(HomeOpened(eventId, user)))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var published = await _slack.Slack.WaitForAsync("views.publish", c => c.Arg("user_id") == user);
        return published.Args["view"]!.AsObject();
    }

    private static string Texts(JsonObject view) => view.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>The event Slack sends when a user opens one of the app's tabs (docs.slack.dev/reference/events/app_home_opened).</summary>
    private static JsonObject HomeOpened(string eventId, string user, string tab = "home")
    {
        var envelope = SlackHost.Fixture("event_callback.json");
        envelope["event_id"] = eventId;
        envelope["event"] = new JsonObject
        {
            ["type"] = "app_home_opened",
            ["user"] = user,
            ["channel"] = "D0HOME",
            ["tab"] = tab,
            ["event_ts"] = "1700000500.000100",
        };
        return envelope;
    }
}
