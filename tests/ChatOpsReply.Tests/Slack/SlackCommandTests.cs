using System.Net;
using System.Text.Json.Nodes;
using ChatOpsReply.Posts;
using ChatOpsReply.Slack;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Slack;

/// <summary>The slash command, as typed in Slack and signed by Slack.</summary>
public sealed class SlackCommandTests : IAsyncLifetime
{
    private SlackHost _slack = null!;

    public async Task InitializeAsync() => _slack = await SlackHost.StartAsync();

    public async Task DisposeAsync() => await _slack.DisposeAsync();

    [Fact]
    public async Task Mine_lists_my_unanswered_posts_most_urgent_first_with_the_sla_time_left()
    {
        var first = await _slack.Host.ReceiveAsync("My parcel never arrived.", handle: "@ana");
        var second = await _slack.Host.ReceiveAsync("Wrong size delivered.", handle: "@ben", displayName: "Ben Ross");
        await _slack.Host.ReceiveAsync("Nobody owns this one.", handle: "@cat", displayName: "Cat Lee");
        await _slack.Host.ActAsync(second, PostTrigger.Claim, "alice");
        _slack.Host.Time.Advance(TimeSpan.FromMinutes(10));
        await _slack.Host.ActAsync(first, PostTrigger.Claim, "alice");

        var text = await AnswerAsync("mine");

        Assert.Equal(
            """
            *Your posts* (2):
            • *Claimed* · X · @ben · reply within 35 min
               Wrong size delivered.
            • *Claimed* · X · @ana · reply within 45 min
               My parcel never arrived.
            """.ReplaceLineEndings("\n"),
            text);
    }

    [Fact]
    public async Task Queue_without_a_name_lists_the_queue_of_the_channel_it_was_typed_in()
    {
        await _slack.Host.ReceiveAsync("I want a refund for my invoice.");
        await _slack.Host.ReceiveAsync("Where is my parcel?");

        var billing = await AnswerAsync("queue", channel: "C0BILLING");
        var support = await AnswerAsync("queue support", channel: "C0ELSEWHERE");

        Assert.StartsWith("*Billing* (1):", billing, StringComparison.Ordinal);
        Assert.Contains("refund", billing, StringComparison.Ordinal);
        Assert.StartsWith("*Support* (1):", support, StringComparison.Ordinal);
        Assert.Equal("This channel belongs to no queue. Name one: `billing`, `office`, `support`.", await AnswerAsync("queue", channel: "C0RANDOM"));
        Assert.Equal("There is no queue called nope. Queues: `billing`, `office`, `support`.", await AnswerAsync("queue nope"));
    }

    [Fact]
    public async Task Queue_typed_in_the_default_channel_lists_the_queues_that_have_no_channel_of_their_own()
    {
        await using var slack = await SlackHost.StartAsync(new Dictionary<string, string?> { ["Slack:DefaultChannel"] = "C0DEFAULT", ["Accountability:Queues:1:Channels:slack"] = "" });
        await slack.Host.ReceiveAsync("Please call me back about my contract.", source: "email");
        await slack.Host.ReceiveAsync("Where is my parcel?");

        using var response = await slack.CommandAsync("queue", "U0ALICE", "C0DEFAULT");
        var text = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["text"]!.GetValue<string>();

        Assert.StartsWith("*Office mail* (1):", text, StringComparison.Ordinal);
        Assert.Contains("call me back", text, StringComparison.Ordinal);
        Assert.DoesNotContain("parcel", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_exactly_the_verbs_that_work()
    {
        var help = await AnswerAsync("help");

        Assert.Equal(SlackCommands.Verbs.Count, help.Split('\n').Count(l => l.StartsWith("• `/replies ", StringComparison.Ordinal)));
        Assert.Contains("`/replies queue [name]`", help, StringComparison.Ordinal);
        Assert.Contains("`/replies answers &lt;words&gt;`", help, StringComparison.Ordinal);
        Assert.Equal(help, await AnswerAsync(""));
    }

    [Fact]
    public async Task An_unknown_verb_is_named_and_answered_with_help()
    {
        var answer = await AnswerAsync("templates refund policy");
        Assert.StartsWith("I don't know \"templates\".\n*What you can type:*", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_renamed_command_is_answered_under_its_configured_name()
    {
        await using var renamed = await SlackHost.StartAsync(new Dictionary<string, string?> { ["Slack:SlashCommand"] = "/social" });

        using var response = await renamed.CommandAsync("help", command: "/social");
        var help = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["text"]!.GetValue<string>();

        Assert.Contains("`/social mine`", help, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_slack_user_is_told_how_to_get_added()
    {
        Assert.StartsWith("ChatOpsReply does not know your Slack account (U0WHO)", await AnswerAsync("mine", user: "U0WHO"), StringComparison.Ordinal);
    }

    private async Task<string> AnswerAsync(string text, string user = "U0ALICE", string channel = "C0SUPPORT")
    {
        using var response = await _slack.CommandAsync(text, user, channel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("ephemeral", answer["response_type"]!.GetValue<string>());
        return answer["text"]!.GetValue<string>();
    }
}
