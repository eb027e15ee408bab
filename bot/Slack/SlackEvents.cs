using System.Text.Json.Nodes;
using System.Text.Json;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Slack;

/// <summary>
/// Events API callbacks. Slack retries an event it thinks we missed; each <c>event_id</c> is
/// handled once. A mention of the bot gets the command help in its thread; an uninstall or a
/// revoked token is logged loudly, since nothing will reach Slack after it.
/// </summary>
public sealed partial class SlackEvents(
    IIdempotencyKeys keys,
    SlackWebApi slack,
    SlackFollowUps followUps,
    TimeProvider time,
    Microsoft.Extensions.Options.IOptions<SlackOptions> options,
    ILogger<SlackEvents> logger)
{
    /// <summary>Slack retries for about an hour and a half at most; keep ids a while longer.</summary>
    private static readonly TimeSpan KeepEventIds = TimeSpan.FromHours(2);

    /// <returns>The body to answer with (the url_verification challenge), or null for an empty 200.</returns>
    /// <exception cref="StoreUnavailableException">The event was not recorded; answer with an error so Slack retries it.</exception>
    public async Task<JsonObject?> HandleAsync(JsonElement envelope, CancellationToken cancellationToken)
    {
        switch (SlackPayload.String(envelope, "type"))
        {
            case "url_verification":
                // Slack: answer url_verification with its challenge, docs.slack.dev/reference/events/url_verification
                return new JsonObject { ["challenge"] = SlackPayload.String(envelope, "challenge") ?? "" };
            case "event_callback":
                break;
            default:
                return null;
        }

        // Slack: retried deliveries carry the same event_id; de-duplicate on it, docs.slack.dev/apis/events-api#retries
        var eventId = SlackPayload.String(envelope, "event_id");
        if (eventId is null || !await keys.TryRecordAsync($"slack:event:{eventId}", time.GetUtcNow(), KeepEventIds, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var inner = SlackPayload.Property(envelope, "event") ?? default;
        switch (SlackPayload.String(inner, "type"))
        {
            case "app_mention":
                var channel = SlackPayload.String(inner, "channel");
                var thread = SlackPayload.String(inner, "thread_ts") ?? SlackPayload.String(inner, "ts");
                if (channel is not null && thread is not null)
                {
                    var text = $"Hi! Type `{options.Value.SlashCommand} help` to see what I answer; each post's card has the buttons to claim, draft and send.";
                    followUps.Enqueue("answer mention", ct => slack.PostMessageAsync(channel, new JsonObject { ["text"] = text }, thread, ct));
                }

                break;
            case "app_uninstalled" or "tokens_revoked":
                LogUninstalled(SlackPayload.String(envelope, "team_id") ?? "?", SlackPayload.String(inner, "type")!);
                break;
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack workspace {Team} sent {Event}: ChatOpsReply can no longer post there until the app is installed again")]
    private partial void LogUninstalled(string team, string @event);
}
