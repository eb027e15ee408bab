using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.Json;
using System.Text;

namespace ChatOpsReply.Tests.Support;

/// <summary>
/// Sends activities to the service the way the Bot Framework does: a hand-written fixture in a
/// published activity shape (tests/…/Teams/fixtures), filled in, with a signed bearer token,
/// over real HTTP to the service's Kestrel server.
/// </summary>
public sealed class BotFrameworkSender : IDisposable
{
    private readonly ServiceHost _host;
    private readonly FakeBotFramework _fake;
    private readonly HttpClient _client;
    private int _activities = 1_763_888_400;

    /// <param name="host">A host on a real server (<see cref="ServiceHost.StartOnKestrel"/>).</param>
    public BotFrameworkSender(ServiceHost host, FakeBotFramework fake)
    {
        ArgumentNullException.ThrowIfNull(host);
        _host = host;
        _fake = fake;
        _client = host.NewClient();
    }

    /// <summary>A person's Teams user id ("29:…") in these tests.</summary>
    public static string TeamsUserId(string personId) => $"29:1{personId}-teams";

    /// <summary>The fixture with its placeholders filled in: an activity as Teams would send it.</summary>
    public string Activity(string fixture, string? personId = "alice", IDictionary<string, string>? values = null, JsonNode? data = null)
    {
        var person = personId is null ? null : TestConfig.Person(personId);
        var fields = new Dictionary<string, string>
        {
            ["serviceUrl"] = _fake.ServiceUrl,
            ["appId"] = FakeBotFramework.AppId,
            ["tenantId"] = FakeBotFramework.TenantId,
            ["teamId"] = FakeBotFramework.TeamId,
            ["channelId"] = "19:support@thread.tacv2",
            ["activityId"] = NextActivityId(),
            ["cardActivityId"] = "1001",
            ["fromId"] = personId is null ? "29:1stranger-teams" : TeamsUserId(personId),
            ["fromName"] = person?.Name ?? "Stranger Danger",
            ["fromAad"] = person?.TeamsUserId ?? "99999999-0000-0000-0000-000000000099",
            ["text"] = "",
            ["verb"] = "",
            ["trigger"] = "manual",
        };
        foreach (var (key, value) in values ?? new Dictionary<string, string>())
        {
            fields[key] = value;
        }

        var json = File.ReadAllText(Repository.PathOf("tests", "ChatOpsReply.Tests", "Teams", "fixtures", fixture + ".json"));
        json = json.Replace("\"{{data}}\"", data?.ToJsonString() ?? "{}", StringComparison.Ordinal);
        foreach (var (key, value) in fields)
        {
            json = json.Replace("{{" + key + "}}", JsonEncodedText.Encode(value, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString(), StringComparison.Ordinal);
        }

        return json;
    }

    public string NextActivityId() => Interlocked.Increment(ref _activities).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Posts an activity to /api/messages with a token (a valid one unless given).</summary>
    public Task<HttpResponseMessage> PostAsync(string activityJson, string? token = "")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(activityJson, Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Length == 0 ? _fake.Token(_host.Time.GetUtcNow()) : token);
        }

        return _client.SendAsync(request);
    }

    public async Task<HttpResponseMessage> SendAsync(string fixture, string? personId = "alice", IDictionary<string, string>? values = null, JsonNode? data = null)
    {
        var response = await PostAsync(Activity(fixture, personId, values, data));
        return response;
    }

    /// <summary>Clicks a card button (Action.Execute) as the person; returns the invoke response body.</summary>
    /// <param name="digest">For a button on a digest's line: the digest message's number.</param>
    /// <param name="cardActivityId">The message holding the card clicked.</param>
    public async Task<JsonObject> InvokeAsync(string postId, string verb, string? personId, IDictionary<string, string>? inputs = null, string trigger = "manual", string? activityId = null, int? digest = null, string? cardActivityId = null)
    {
        var data = new JsonObject { ["postId"] = postId, ["action"] = verb };
        if (digest is not null)
        {
            data["digest"] = digest;
        }

        foreach (var (name, value) in inputs ?? new Dictionary<string, string>())
        {
            data[$"{verb}.{name}"] = value;
        }

        var values = new Dictionary<string, string> { ["verb"] = verb, ["trigger"] = trigger };
        if (activityId is not null)
        {
            values["activityId"] = activityId;
        }

        if (cardActivityId is not null)
        {
            values["cardActivityId"] = cardActivityId;
        }

        using var response = await SendAsync("invoke-action-execute", personId, values, data);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}: {body}\n{_host.Errors}");
        return JsonNode.Parse(body)!.AsObject();
    }

    public void Dispose() => _client.Dispose();
}
