using System.Text.Json.Nodes;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChatOpsReply.Delivery;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Slack;

/// <summary>
/// Events API callbacks. Slack retries an event it thinks we missed; each <c>event_id</c> is
/// handled once. A mention of the bot gets the command help in its thread; opening the app's Home
/// tab shows what waits on you; an uninstall or a revoked token is logged loudly, since nothing
/// will reach Slack after it.
/// </summary>
public sealed partial class SlackEvents(
    IIdempotencyKeys keys,
    SlackWebApi slack,
    SlackFollowUps followUps,
    ICardReferences references,
    SlackPeople people,
    PostClicks clicks,
    SlackAppHome home,
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
            case "message":
                await ThreadReplyAsync(inner, cancellationToken).ConfigureAwait(false);
                break;
            // Slack: app_home_opened comes each time a user opens a tab of the app, docs.slack.dev/reference/events/app_home_opened
            case "app_home_opened" when SlackPayload.String(inner, "tab") == "home" && SlackPayload.String(inner, "user") is { } user:
                followUps.Enqueue("publish the Home tab", ct => home.PublishAsync(user, ct));
                break;
            case "app_uninstalled" or "tokens_revoked":
                LogUninstalled(SlackPayload.String(envelope, "team_id") ?? "?", SlackPayload.String(inner, "type")!);
                break;
        }

        return null;
    }

    /// <summary>
    /// A person's reply in a card's thread is a note on the post, for the team only. Other messages
    /// (a channel's chatter, edits, the bot's own lines) are not ours.
    /// </summary>
    private async Task ThreadReplyAsync(JsonElement message, CancellationToken cancellationToken)
    {
        // Slack: a thread reply has thread_ts (its parent's ts) unlike its own ts; bots' and edited messages carry bot_id or a subtype, docs.slack.dev/reference/events/message
        var channel = SlackPayload.String(message, "channel");
        var thread = SlackPayload.String(message, "thread_ts");
        var ts = SlackPayload.String(message, "ts");
        var user = SlackPayload.String(message, "user");
        var text = SlackPayload.String(message, "text");
        if (channel is null || thread is null || ts is null || thread == ts || user is null || string.IsNullOrWhiteSpace(text)
            || SlackPayload.String(message, "subtype") is not null || SlackPayload.String(message, "bot_id") is not null)
        {
            return;
        }

        if (await references.FindPostAsync(SlackCardReference.CardKey, new SlackCardReference(channel, thread).ToString(), cancellationToken).ConfigureAwait(false) is not { } postId)
        {
            return;
        }

        if (await people.FindAsync(user, cancellationToken).ConfigureAwait(false) is not { } person)
        {
            LogUnknownNoteAuthor(user);
            return;
        }

        var note = await WithPeopleNamedAsync(text, cancellationToken).ConfigureAwait(false);
        var result = await clicks.HandleAsync(new PostClick(postId, nameof(PostTrigger.AddNote), person, SurfaceNames.Slack, $"note:{channel}:{ts}") { Field = f => f == CommandInputFields.Comment ? note : null }, cancellationToken).ConfigureAwait(false);
        if (result.Outcome == CommandOutcome.StoreUnavailable)
        {
            throw new StoreUnavailableException("The note was not recorded.");
        }

        if (result.Outcome == CommandOutcome.Rejected)
        {
            // Their words stay in the thread; only the history misses them, and they are told why.
            var why = $"Your reply is not in the post's history: {result.Message}";
            followUps.Enqueue("answer a refused note", ct => slack.PostEphemeralAsync(channel, user, why, ct));
        }
    }

    /// <summary>Slack writes a mention as &lt;@U…&gt;; the note names the person as @id, as every surface does.</summary>
    private async Task<string> WithPeopleNamedAsync(string text, CancellationToken cancellationToken)
    {
        var named = text;
        foreach (Match m in SlackMention().Matches(text))
        {
            if (await people.FindAsync(m.Groups[1].Value, cancellationToken).ConfigureAwait(false) is { } person)
            {
                named = named.Replace(m.Value, "@" + person.Id, StringComparison.Ordinal);
            }
        }

        return named;
    }

    [GeneratedRegex("<@([UW][A-Z0-9]+)(?:\\|[^>]*)?>")]
    private static partial Regex SlackMention();

    [LoggerMessage(Level = LogLevel.Information, Message = "A reply in a card's thread by Slack user {User}, whom no configured person matches, is not recorded as a note")]
    private partial void LogUnknownNoteAuthor(string user);

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack workspace {Team} sent {Event}: ChatOpsReply can no longer post there until the app is installed again")]
    private partial void LogUninstalled(string team, string @event);
}
