using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text;
using ChatOpsReply.Delivery;
using ChatOpsReply.Slack;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsReply.Tests.Support;

/// <summary>
/// The service on a real 127.0.0.1 port with Slack on, talking to a <see cref="FakeSlack"/>, and
/// the requests Slack would send it: signed, shaped like the fixtures in Slack/fixtures.
/// </summary>
public sealed class SlackHost : IAsyncDisposable
{
    public const string SigningSecret = "test-slack-signing-secret";
    public const string BotToken = "xoxb-test-token";

    private readonly bool _ownsSlack;
    private int _clicks;

    private SlackHost(FakeSlack slack, bool ownsSlack, ServiceHost host)
    {
        Slack = slack;
        _ownsSlack = ownsSlack;
        Host = host;
        Client = host.CreateClient();
    }

    public FakeSlack Slack { get; }

    public ServiceHost Host { get; }

    public HttpClient Client { get; }

    /// <summary>Starts the service against <paramref name="slack"/> (shared, so several instances can work one workspace) or a fake Slack of its own.</summary>
    public static async Task<SlackHost> StartAsync(IDictionary<string, string?>? settings = null, FakeSlack? slack = null, Action<IServiceCollection>? services = null)
    {
        var ownsSlack = slack is null;
        slack ??= await FakeSlack.StartAsync();
        var all = new Dictionary<string, string?>
        {
            ["Slack:BotToken"] = BotToken,
            ["Slack:SigningSecret"] = SigningSecret,
            ["Slack:ApiBaseUrl"] = slack.Url,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var host = ServiceHost.StartOnKestrel(all, services);
        // Message timestamps follow the service's clock, as Slack's follow the real one.
        slack.Clock ??= host.Time.GetUtcNow;
        return new SlackHost(slack, ownsSlack, host);
    }

    public static JsonObject Fixture(string name) =>
        JsonNode.Parse(File.ReadAllText(Repository.PathOf("tests", "ChatOpsReply.Tests", "Slack", "fixtures", name)))!.AsObject();

    /// <summary>A request signed the way Slack signs it, at the host's current time.</summary>
    public HttpRequestMessage SignedRequest(string path, string body, string contentType, string secret = SigningSecret, DateTimeOffset? at = null) =>
        SignedRequest(path, Encoding.UTF8.GetBytes(body), contentType, secret, at);

    /// <summary>Raw bytes, signed: what reaches the parser once the signature checks out, whatever it holds.</summary>
    public HttpRequestMessage SignedRequest(string path, byte[] bytes, string contentType, string secret = SigningSecret, DateTimeOffset? at = null)
    {
        var timestamp = (at ?? Host.Time.GetUtcNow()).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add(SlackSignature.TimestampHeader, timestamp);
        request.Headers.Add(SlackSignature.SignatureHeader, SlackSignature.Sign(secret, timestamp, bytes));
        return request;
    }

    public async Task<HttpResponseMessage> InteractAsync(JsonObject payload)
    {
        var form = "payload=" + Uri.EscapeDataString(payload.ToJsonString());
        using var request = SignedRequest("/api/slack/interactions", form, "application/x-www-form-urlencoded");
        return await Client.SendAsync(request);
    }

    /// <summary>A person clicks a button of a card (block_actions); each click has its own action_ts.</summary>
    public Task<HttpResponseMessage> ClickAsync(string postId, string action, string slackUser, string channel = "C0SUPPORT", string? actionTs = null)
    {
        var payload = Fixture("block_actions.json");
        payload["user"]!["id"] = slackUser;
        payload["container"]!["channel_id"] = channel;
        payload["channel"]!["id"] = channel;
        var clicked = payload["actions"]![0]!;
        clicked["action_id"] = action;
        clicked["value"] = postId;
        clicked["action_ts"] = actionTs ?? $"1700000100.{Interlocked.Increment(ref _clicks):000000}";
        return InteractAsync(payload);
    }

    /// <summary>A person chooses a post in a digest's Claim menu (block_actions from a static_select); each choice has its own action_ts.</summary>
    public Task<HttpResponseMessage> ChooseInDigestAsync(string postId, string slackUser, string channel = "C0SUPPORT", string? actionTs = null)
    {
        var payload = Fixture("block_actions.json");
        payload["user"]!["id"] = slackUser;
        payload["container"]!["channel_id"] = channel;
        payload["channel"]!["id"] = channel;
        // Slack: a select menu's action carries selected_option, no value, docs.slack.dev/reference/interaction-payloads/block_actions-payload
        payload["actions"] = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "static_select",
                ["action_id"] = "Claim",
                ["block_id"] = "digest",
                ["selected_option"] = new JsonObject { ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Ana Lopez · Where is my parcel?" }, ["value"] = postId },
                ["placeholder"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Claim…" },
                ["action_ts"] = actionTs ?? $"1700000200.{Interlocked.Increment(ref _clicks):000000}",
            },
        };
        return InteractAsync(payload);
    }

    /// <summary>A person submits the modal the app opened (view_submission), with what they typed or chose.</summary>
    public Task<HttpResponseMessage> SubmitAsync(JsonObject openedView, string slackUser, IDictionary<string, string> inputs, string viewId = "V0DRAFT01")
    {
        var payload = Fixture("view_submission.json");
        payload["user"]!["id"] = slackUser;
        var view = payload["view"]!.AsObject();
        view["id"] = viewId;
        view["private_metadata"] = openedView["private_metadata"]!.GetValue<string>();
        view["callback_id"] = openedView["callback_id"]!.GetValue<string>();
        var values = new JsonObject();
        foreach (var block in openedView["blocks"]!.AsArray().Where(b => b!["type"]!.GetValue<string>() == "input"))
        {
            var id = block!["block_id"]!.GetValue<string>();
            var element = block["element"]!;
            var actionId = element["action_id"]!.GetValue<string>();
            var type = element["type"]!.GetValue<string>();
            inputs.TryGetValue(id, out var typed);
            values[id] = new JsonObject
            {
                [actionId] = type == "plain_text_input"
                    ? new JsonObject { ["type"] = type, ["value"] = typed }
                    : new JsonObject { ["type"] = type, ["selected_option"] = typed is null ? null : new JsonObject { ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = typed }, ["value"] = typed } },
            };
        }

        view["state"] = new JsonObject { ["values"] = values };
        return InteractAsync(payload);
    }

    public async Task<HttpResponseMessage> CommandAsync(string text, string slackUser = "U0ALICE", string channel = "C0SUPPORT", string command = "/replies")
    {
        var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(File.ReadAllText(Repository.PathOf("tests", "ChatOpsReply.Tests", "Slack", "fixtures", "slash_command.txt")).Trim());
        var fields = form.ToDictionary(f => f.Key, f => f.Value.ToString());
        fields["text"] = text;
        fields["user_id"] = slackUser;
        fields["channel_id"] = channel;
        fields["command"] = command;
        var body = string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));
        using var request = SignedRequest("/api/slack/commands", body, "application/x-www-form-urlencoded");
        return await Client.SendAsync(request);
    }

    public async Task<HttpResponseMessage> EventAsync(JsonObject envelope, int? retryNum = null)
    {
        using var request = SignedRequest("/api/slack/events", envelope.ToJsonString(), "application/json");
        if (retryNum is { } retry)
        {
            request.Headers.Add("X-Slack-Retry-Num", retry.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        }

        return await Client.SendAsync(request);
    }

    /// <summary>
    /// Runs the outbox until it is empty and no digest has lines or changes to show, moving the clock a
    /// second at a time while messages wait for their channel's pace or a Retry-After; gives up after
    /// <paramref name="maxSeconds"/>.
    /// </summary>
    public async Task DeliverAllAsync(int maxSeconds = 120)
    {
        for (var second = 0; second <= maxSeconds; second++)
        {
            await Host.DeliverAsync();
            if ((await Host.Service<IOutbox>().DepthAsync()).Pending == 0 && (await Host.Service<IDigestStore>().BusyScopesAsync()).Count == 0)
            {
                return;
            }

            Host.Time.Advance(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>The last body the card of a post was posted or updated with.</summary>
    public async Task<SlackCall> LastCardAsync(string postId)
    {
        var reference = SlackCardReference.Parse(await Host.Service<ICardReferences>().GetAsync(postId, SlackCardReference.CardKey))
            ?? throw new InvalidOperationException($"The card of {postId} was never posted.");
        return Slack.Calls.Last(c => !c.Failed && c.Arg("channel") == reference.Channel
            && ((c.Method == "chat.update" && c.Arg("ts") == reference.Ts) || (c.Method == "chat.postMessage" && c.Answer?["ts"]?.GetValue<string>() == reference.Ts)));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        Host.DeleteFolder();
        if (_ownsSlack)
        {
            await Slack.DisposeAsync();
        }
    }
}
