using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatOpsReply.Slack;

/// <summary>
/// Which post, and which of its messages (the card, the approval request, the crisis alert), a message
/// ChatOpsReply posted is, written on the message itself as Slack message metadata. When an attempt to
/// post got no answer (a crash, a timeout, a 5xx), the message may still be in the channel: it is
/// looked for by this tag before anything is posted again, so a post never has two live cards.
/// </summary>
public static class SlackMessageTag
{
    // Slack: metadata {event_type, event_payload} travels with the message, docs.slack.dev/messaging/message-metadata
    public const string EventType = "chatopsreply_post_message";

    /// <summary>The content with the tag naming the post and the message's role (<paramref name="key"/>).</summary>
    public static JsonObject Tagged(JsonObject content, string postId, string key)
    {
        ArgumentNullException.ThrowIfNull(content);
        var tagged = (JsonObject)content.DeepClone();
        tagged["metadata"] = new JsonObject
        {
            ["event_type"] = EventType,
            ["event_payload"] = new JsonObject { ["post_id"] = postId, ["key"] = key },
        };
        return tagged;
    }

    /// <summary>Whether a message from conversations.history carries the tag of this post and role.</summary>
    public static bool Names(JsonElement message, string postId, string key) =>
        SlackPayload.String(message, "metadata", "event_type") == EventType
        && SlackPayload.String(message, "metadata", "event_payload", "post_id") == postId
        && SlackPayload.String(message, "metadata", "event_payload", "key") == key;

    /// <summary>
    /// An attempt to post under a key, recorded before the call (as <c>{key}:attempt</c> in the card
    /// references) and forgotten once the answer came: where it went and when.
    /// </summary>
    public sealed record Attempt(string Channel, DateTimeOffset At)
    {
        public const string KeySuffix = ":attempt";

        /// <summary>How far before the attempt the channel is searched: Slack's clock and ours may differ a little.</summary>
        private static readonly TimeSpan ClockSlack = TimeSpan.FromMinutes(10);

        // Slack: oldest is a message timestamp, unix seconds with microseconds, docs.slack.dev/reference/methods/conversations.history
        public string Oldest => (At - ClockSlack).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + ".000000";

        public override string ToString() => $"{Channel}|{At.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}";

        public static Attempt? Parse(string? stored) =>
            stored?.Split('|', 2) is [{ Length: > 0 } channel, var ms] && long.TryParse(ms, NumberStyles.None, CultureInfo.InvariantCulture, out var at)
                ? new Attempt(channel, DateTimeOffset.FromUnixTimeMilliseconds(at))
                : null;
    }
}
