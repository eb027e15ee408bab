using System.Text.Json.Nodes;
using ChatOpsReply.Library.Model;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Library;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Slack;

/// <summary>Socket Mode against a fake Slack WebSocket on 127.0.0.1: envelopes in, acknowledgements out, reconnect on request.</summary>
public sealed class SlackSocketModeTests : IAsyncLifetime
{
    private const string AppToken = "xapp-test-token";
    private SlackHost _slack = null!;

    private FakeSlack Fake => _slack.Slack;

    public async Task InitializeAsync()
    {
        _slack = await SlackHost.StartAsync(new Dictionary<string, string?> { ["Slack:AppToken"] = AppToken });
        await WaitUntilAsync(() => Fake.SocketConnections == 1);
    }

    public async Task DisposeAsync() => await _slack.DisposeAsync();

    [Fact]
    public async Task The_app_opens_its_socket_with_the_app_token()
    {
        var open = Assert.Single(Fake.Of("apps.connections.open"));
        Assert.Equal($"Bearer {AppToken}", open.Authorization);
    }

    [Fact]
    public async Task A_click_over_the_socket_is_applied_and_its_envelope_acknowledged()
    {
        var postId = await _slack.Host.ReceiveAsync("Where is my parcel?");
        var click = SlackHost.Fixture("block_actions.json");
        click["actions"]![0]!["value"] = postId;

        await Fake.SendToAppAsync(Envelope("interactive", "env-click-1", click));
        var ack = await Fake.ReceiveFromAppAsync();

        Assert.Equal("env-click-1", ack["envelope_id"]!.GetValue<string>());
        Assert.Null(ack["payload"]);
        Assert.Equal(PostState.Claimed, (await _slack.Host.PostAsync(postId)).State);
        Assert.Equal("alice", (await _slack.Host.PostAsync(postId)).Owner);
    }

    [Fact]
    public async Task A_slash_command_over_the_socket_is_answered_in_its_acknowledgement()
    {
        var command = new JsonObject
        {
            ["token"] = "legacy-verification-token",
            ["team_id"] = "T0TEAM",
            ["channel_id"] = "C0SUPPORT",
            ["user_id"] = "U0ALICE",
            ["command"] = "/replies",
            ["text"] = "help",
            ["response_url"] = "https://hooks.slack.com/commands/T0TEAM/3333/abc",
            ["trigger_id"] = "4714.0815.9d6d5e4f3a2b1c0d",
        };

        await Fake.SendToAppAsync(Envelope("slash_commands", "env-command-1", command));
        var ack = await Fake.ReceiveFromAppAsync();

        Assert.Equal("env-command-1", ack["envelope_id"]!.GetValue<string>());
        Assert.Equal("ephemeral", ack["payload"]!["response_type"]!.GetValue<string>());
        Assert.Contains("/replies mine", ack["payload"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Typing_in_the_answer_select_over_the_socket_gets_the_options_in_the_acknowledgement()
    {
        await _slack.Host.ApprovedAnswerAsync(new AnswerDocument { Id = "parcel-lost", Title = "Lost parcel", Body = "Hi {customer.name}, the carrier lost your parcel. We send a new one today. {agent.name}" });
        var postId = await _slack.Host.ReceiveAsync("Where is my parcel?");
        await _slack.Host.ActAsync(postId, PostTrigger.Claim, "alice");
        using (await _slack.ClickAsync(postId, "SubmitDraft", "U0ALICE"))
        {
        }

        var modal = (await Fake.WaitForAsync("views.open")).Args["view"]!.AsObject();
        await Fake.SendToAppAsync(Envelope("interactive", "env-options-1", SlackModalRequests.Suggestion(modal, CommandInputFields.AnswerId, "parcl")));
        var ack = await Fake.ReceiveFromAppAsync();

        Assert.Equal("env-options-1", ack["envelope_id"]!.GetValue<string>());
        var option = Assert.Single(ack["payload"]!["options"]!.AsArray());
        Assert.Equal("parcel-lost", option!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_event_over_the_socket_is_acknowledged_and_handled()
    {
        await Fake.SendToAppAsync(Envelope("events_api", "env-event-1", SlackHost.Fixture("event_callback.json")));

        Assert.Equal("env-event-1", (await Fake.ReceiveFromAppAsync())["envelope_id"]!.GetValue<string>());
        Assert.Equal("1700000300.000200", (await Fake.WaitForAsync("chat.postMessage")).Arg("thread_ts"));
    }

    [Fact]
    public async Task A_disconnect_frame_makes_the_app_open_a_new_connection()
    {
        await Fake.SendToAppAsync(new JsonObject { ["type"] = "disconnect", ["reason"] = "refresh_requested", ["debug_info"] = new JsonObject { ["host"] = "fake" } });

        await WaitUntilAsync(() => Fake.SocketConnections == 2);
        Assert.Equal(2, Fake.Of("apps.connections.open").Count());

        // The new connection works.
        var postId = await _slack.Host.ReceiveAsync("Where is my parcel?");
        var click = SlackHost.Fixture("block_actions.json");
        click["actions"]![0]!["value"] = postId;
        await Fake.SendToAppAsync(Envelope("interactive", "env-after-reconnect", click));
        Assert.Equal("env-after-reconnect", (await Fake.ReceiveFromAppAsync())["envelope_id"]!.GetValue<string>());
    }

    // Slack: envelopes carry envelope_id, payload, retry_attempt, retry_reason, accepts_response_payload, docs.slack.dev/apis/events-api/using-socket-mode
    private static JsonObject Envelope(string type, string id, JsonObject payload) => new()
    {
        ["envelope_id"] = id,
        ["type"] = type,
        ["payload"] = payload,
        ["accepts_response_payload"] = type != "events_api",
        ["retry_attempt"] = 0,
        ["retry_reason"] = "",
    };

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 250 && !condition(); i++)
        {
            await Task.Delay(20);
        }

        Assert.True(condition(), "Timed out waiting for the socket.");
    }
}
