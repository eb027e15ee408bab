using System.Text.RegularExpressions;
using ChatOpsReply.Slack;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Slack;

/// <summary>What an administrator sets up: the app manifest agrees with the service, and bad settings stop it with the key named.</summary>
public sealed partial class SlackSetupTests
{
    private static readonly string Manifest = File.ReadAllText(Repository.PathOf("manifests", "slack", "manifest.yml"));

    [Fact]
    public void The_manifest_points_slack_at_the_services_three_endpoints()
    {
        Assert.Matches(@"(?m)^\s+url: https://replies\.example\.com/api/slack/commands$", Manifest);
        Assert.Matches(@"(?m)^\s+request_url: https://replies\.example\.com/api/slack/events$", Manifest);
        Assert.Matches(@"(?m)^\s+request_url: https://replies\.example\.com/api/slack/interactions$", Manifest);
    }

    [Fact]
    public void The_manifests_slash_command_is_the_services_default()
    {
        Assert.Matches($@"(?m)^\s+- command: {Regex.Escape(new SlackOptions().SlashCommand)}$", Manifest);
    }

    [Theory]
    [InlineData("chat:write")] // chat.postMessage, chat.update, chat.postEphemeral
    [InlineData("commands")]
    [InlineData("app_mentions:read")]
    [InlineData("users:read")] // users.info
    [InlineData("users:read.email")]
    [InlineData("usergroups:read")] // usergroups.users.list
    [InlineData("mpim:write")] // conversations.open with several people
    [InlineData("im:write")] // conversations.open with one person: a direct message
    [InlineData("channels:history")] // message.channels: replies in a card's thread; conversations.history: finding a card whose post got no answer
    [InlineData("groups:history")] // the same in a private channel
    public void The_manifest_asks_for_every_scope_the_service_uses(string scope)
    {
        Assert.Contains(Scope().Matches(Manifest).Select(m => m.Groups[1].Value), s => s == scope);
    }

    [Theory]
    [InlineData("message.channels")]
    [InlineData("message.groups")]
    [InlineData("app_mention")]
    [InlineData("app_home_opened")]
    public void The_manifest_subscribes_to_every_event_the_service_handles(string @event)
    {
        Assert.Contains(Scope().Matches(Manifest).Select(m => m.Groups[1].Value), s => s == @event);
    }

    [Fact]
    public void The_manifest_turns_on_the_home_tab_the_service_publishes()
    {
        Assert.Matches(@"(?m)^\s+home_tab_enabled: true$", Manifest);
    }

    [Fact]
    public void The_app_name_fits_slacks_35_characters()
    {
        var name = AppName().Match(Manifest).Groups[1].Value;
        Assert.InRange(name.Length, 1, 35);
    }

    [Fact]
    public async Task Slack_with_a_queue_that_has_no_channel_and_no_default_stops_with_the_key_named()
    {
        var (exitCode, output) = await ServiceProcess.RunUntilExitAsync(
            ["--Slack:BotToken=xoxb-x", "--Slack:SigningSecret=s", "--Accountability:Queues:0:Channels:slack="],
            TimeSpan.FromSeconds(60));

        Assert.NotNull(exitCode);
        Assert.NotEqual(0, exitCode);
        Assert.Contains("Slack:DefaultChannel is required: queue(s) billing name no Slack channel", output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(?m)^\s+- ([a-z_.:]+)\s*$")]
    private static partial Regex Scope();

    [GeneratedRegex(@"(?m)^\s+name: (.+)$")]
    private static partial Regex AppName();
}
