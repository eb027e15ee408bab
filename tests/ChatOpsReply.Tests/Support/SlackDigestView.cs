using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ChatOpsReply.Tests.Support;

/// <summary>What a person reading the fake Slack's channels sees of the digests: which posts each lists, and how.</summary>
public static partial class SlackDigestView
{
    /// <summary>The console address the digest tests configure, so each line links to its post.</summary>
    public const string ConsoleUrl = "https://replies.example.com/";

    /// <summary>Top-level messages that are digests (tagged with the digest key), oldest first.</summary>
    public static IReadOnlyList<JsonObject> Digests(FakeSlack slack) =>
        [.. slack.Messages.Where(m => (string?)m["metadata"]?["event_payload"]?["key"] == "slack:digest")];

    /// <summary>Posts whose own card is in the channels (tagged with the card key).</summary>
    public static IReadOnlyList<string> Cards(FakeSlack slack) =>
        [.. slack.Messages.Where(m => (string?)m["metadata"]?["event_payload"]?["key"] == "slack:card").Select(m => (string)m["metadata"]!["event_payload"]!["post_id"]!)];

    /// <summary>Every text a person reads in the message's blocks.</summary>
    public static string Text(JsonObject message) =>
        string.Join("\n", JsonTree.Objects(Blocks(message)).Where(o => o["text"] is JsonValue).Select(o => o["text"]!.GetValue<string>()));

    /// <summary>The posts a digest message has a line for, in order: each line links to its post's page.</summary>
    public static IReadOnlyList<string> Lines(JsonObject message) =>
        [.. JsonTree.Objects(Blocks(message)).Where(o => (string?)o["type"] == "section").Select(o => (string?)o["text"]?["text"] ?? "")
            .SelectMany(text => text.Split('\n')).Select(line => PostLink().Match(line)).Where(m => m.Success).Select(m => m.Groups[1].Value)];

    /// <summary>The line of one post, as shown.</summary>
    public static string LineOf(JsonObject message, string postId) =>
        JsonTree.Objects(Blocks(message)).Where(o => (string?)o["type"] == "section").Select(o => (string?)o["text"]?["text"] ?? "")
            .SelectMany(text => text.Split('\n')).Single(line => line.Contains($"console/posts/{postId}|", StringComparison.Ordinal));

    /// <summary>The posts offered in the message's Claim menu.</summary>
    public static IReadOnlyList<string> Claimable(JsonObject message) =>
        [.. JsonTree.Objects(Blocks(message)).Where(o => (string?)o["type"] == "static_select" && (string?)o["action_id"] == "Claim")
            .SelectMany(o => o["options"]!.AsArray()).Select(option => (string)option!["value"]!)];

    /// <summary>The message's body as Slack got it (text and blocks), for the Block Kit limits check.</summary>
    public static JsonObject Body(JsonObject message) => new() { ["text"] = message["text"]?.DeepClone(), ["blocks"] = Blocks(message)?.DeepClone() };

    private static JsonNode? Blocks(JsonObject message) =>
        message["blocks"] is JsonValue text && text.TryGetValue<string>(out var json) ? JsonNode.Parse(json) : message["blocks"];

    [GeneratedRegex("console/posts/([0-9a-f]{32})\\|")]
    private static partial Regex PostLink();
}
