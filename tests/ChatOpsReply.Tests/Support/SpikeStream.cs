using System.Text.Json.Nodes;
using ChatOpsReply.Crises;

namespace ChatOpsReply.Tests.Support;

/// <summary>
/// Generated streams of posts on a few topics through the webhook, on the service's clock, with Slack as the
/// crisis room; every queue's usual rate learned from the same hour of past weeks, seeded as four weeks of
/// the stream would have left it.
/// </summary>
public sealed class SpikeStream(SlackHost slack)
{
    public const string CrisisRoom = "C0CRISIS";

    /// <summary>One post a minute on each topic, in the hour of the week the tests run in.</summary>
    public const int UsualPerMinute = 1;

    public static readonly string[] Deliveries =
    [
        "My parcel is late, tracking shows nothing",
        "Parcel tracking has not moved for days",
        "Where is my parcel? Tracking number does nothing",
    ];

    public static readonly string[] Outages =
    [
        "Your app is down, outage everywhere",
        "Total outage: the app is down for me",
        "App down again! Outage since breakfast",
    ];

    public static readonly string[] Logins =
    [
        "Password reset email never arrives",
        "The password reset email never came",
        "No password reset email, tried five times",
    ];

    private int _sent;

    /// <summary>The hour of the week the tests run in, in each of the past four weeks, as the usual stream left it.</summary>
    public async Task SeedPastWeeksAsync(string[] texts)
    {
        var store = slack.Host.Service<ISpikeStore>();
        var now = slack.Host.Time.GetUtcNow();
        // Each text stands for its topic's share of the usual rate over the hour.
        var arrivals = Enumerable.Range(1, 4).SelectMany(week => texts.SelectMany(text => Enumerable.Range(0, UsualPerMinute * 60 / 3).Select(i =>
            new TopicArrival("support", TopicTerms.Of(text, 6), $"past-{week}-{i}", now.AddDays(-7 * week).AddSeconds(i), 10, 4))));
        foreach (var chunk in arrivals.Chunk(60))
        {
            await Task.WhenAll(chunk.Select(a => store.CountAsync(a)));
        }
    }

    /// <summary>One minute of the stream: each topic's posts spread evenly over it, through the webhook. Answers the posts' ids by text.</summary>
    public async Task<List<(string Text, string PostId)>> MinuteAsync(params (string[] Texts, int PerMinute)[] topics)
    {
        var posts = topics.SelectMany(t => Enumerable.Range(0, t.PerMinute).Select(i => t.Texts[i % t.Texts.Length])).ToList();
        var gap = TimeSpan.FromMinutes(1) / posts.Count;
        var received = new List<(string, string)>();
        foreach (var text in posts.OrderBy(_ => Random.Shared.Next()))
        {
            received.Add((text, await slack.Host.ReceiveAsync(text, externalId: $"m-{Interlocked.Increment(ref _sent)}")));
            slack.Host.Time.Advance(gap);
        }

        return received;
    }

    public List<SlackCall> Alerts() => [.. slack.Slack.Of("chat.postMessage").Where(c => c.Arg("channel") == CrisisRoom && !c.Failed)];

    /// <summary>The last body the alert was posted or updated with.</summary>
    public SlackCall Shown(SlackCall alert) =>
        slack.Slack.Calls.LastOrDefault(c => c.Method == "chat.update" && !c.Failed && c.Arg("ts") == alert.Answer!["ts"]!.GetValue<string>()) ?? alert;

    public static List<string> Blocks(SlackCall call) =>
        [.. call.Args["blocks"]!.AsArray().Where(b => b!["text"] is not null).Select(b => b!["text"]!["text"]!.GetValue<string>())];

    public static List<string> Buttons(SlackCall call) =>
        [.. call.Args["blocks"]!.AsArray().Where(b => b!["type"]!.GetValue<string>() == "actions").SelectMany(b => b!["elements"]!.AsArray()).Select(e => e!["action_id"]!.GetValue<string>())];

    /// <summary>The value of a button of the alert: the spike's id, or the crisis's once one is declared.</summary>
    public static string ValueOf(SlackCall call, string actionId) =>
        call.Args["blocks"]!.AsArray().Where(b => b!["type"]!.GetValue<string>() == "actions").SelectMany(b => b!["elements"]!.AsArray())
            .Single(e => e!["action_id"]!.GetValue<string>() == actionId)!["value"]!.GetValue<string>();

    /// <summary>A click on one of the alert's buttons, in the crisis room.</summary>
    public static JsonObject Click(string value, string user, string actionId)
    {
        var payload = SlackHost.Fixture("block_actions.json");
        payload["user"]!["id"] = user;
        payload["container"]!["channel_id"] = CrisisRoom;
        payload["channel"]!["id"] = CrisisRoom;
        payload["actions"]![0]!["action_id"] = actionId;
        payload["actions"]![0]!["value"] = value;
        payload["actions"]![0]!["action_ts"] = $"1700000200.{Guid.NewGuid().GetHashCode() & 0xFFFFFF}";
        return payload;
    }
}
