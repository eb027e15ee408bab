using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsReply.Accountability;
using ChatOpsReply.Cards;
using ChatOpsReply.Crises;
using ChatOpsReply.Delivery;
using ChatOpsReply.Posts;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Slack;

/// <summary>
/// Slack as a surface. The card is posted once to the queue's channel and updated in place
/// after every change; each change is a line in the card's thread; mentions go to that thread;
/// approvals and crisis alerts are messages of their own, in the approvers' channel and the
/// crisis room, kept up to date with the card. Slack's answers become outbox results:
/// rate limits and outages are retried later, a missing channel is kept for an operator.
/// </summary>
public sealed partial class SlackSurface(
    SlackWebApi slack,
    IPostingPace pace,
    SlackPeople people,
    ICardReferences references,
    IDigestStore digests,
    BurstDigests bursts,
    PostCardBuilder cards,
    AccountabilityPolicy policy,
    SpikeAlertViews spikes,
    IOptions<SlackOptions> options,
    TimeProvider time,
    ILogger<SlackSurface> logger) : IChatSurface
{
    private static readonly PostTrigger[] ApprovalTriggers = [PostTrigger.Approve, PostTrigger.RequestChanges];

    /// <summary>How many pages of 200 messages are read looking for an earlier attempt's message.</summary>
    private const int HistoryPages = 5;

    public string Name => SurfaceNames.Slack;

    public async Task<SurfaceDelivery> DeliverAsync(OutboxMessage message, CustomerPost post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(post);
        return message.Kind switch
        {
            OutboxKind.ShowCard => await ShowCardAsync(message, post, cancellationToken).ConfigureAwait(false),
            OutboxKind.ThreadNote => await InThreadAsync(message, post, Mrkdwn.Escape(message.Text, 3000), cancellationToken).ConfigureAwait(false),
            OutboxKind.Notify => await InThreadAsync(message, post, $"{people.Mentions(message.People)} {Mrkdwn.Escape(message.Text, 3000)}".Trim(), cancellationToken).ConfigureAwait(false),
            OutboxKind.RequestApproval => await RequestApprovalAsync(message, post, cancellationToken).ConfigureAwait(false),
            OutboxKind.CrisisAlert => await CrisisAlertAsync(message, post, cancellationToken).ConfigureAwait(false),
            OutboxKind.DirectMessage => await DirectMessageAsync(message, post, cancellationToken).ConfigureAwait(false),
            _ => SurfaceDelivery.Failed($"Slack does not handle {message.Kind}."),
        };
    }

    /// <summary>The queue's Slack channel, else the default channel.</summary>
    public string? QueueChannel(CustomerPost post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return policy.Queue(post.Queue).Channels.TryGetValue(SurfaceNames.Slack, out var channel) && channel.Length > 0 ? channel : options.Value.DefaultChannel;
    }

    private async Task<SurfaceDelivery> ShowCardAsync(OutboxMessage message, CustomerPost post, CancellationToken cancellationToken)
    {
        var content = BlockKitRenderer.Message(cards.Build(post, null));
        var (card, _, problem) = await ExistingAsync(post.Id, SlackCardReference.CardKey, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (card is null)
        {
            if (QueueChannel(post) is not { } channel)
            {
                return SurfaceDelivery.Failed($"Queue '{post.Queue}' has no Slack channel and Slack:DefaultChannel is not set.");
            }

            var scope = DigestScope(channel);
            var alone = DigestLines.NeedsOwnCard(post);
            SurfaceDelivery? turn;
            if (await digests.MessageOfAsync(scope, post.Id, cancellationToken).ConfigureAwait(false) is not null)
            {
                // On a digest: its line is redrawn with the others; a post someone took gets its own card too,
                // and its line changes when that card is posted (once, however often the card waited for its turn).
                turn = alone ? await TurnAsync(message.Id, channel, ChannelLimit, cancellationToken).ConfigureAwait(false) : SurfaceDelivery.Delivered;
                if (turn is null || turn.Status == SurfaceDeliveryStatus.Delivered)
                {
                    await digests.MarkChangedAsync(scope, post.Id, cancellationToken).ConfigureAwait(false);
                }
            }
            else
            {
                turn = !alone
                    ? await TurnOrDigestAsync(message, post, scope, cancellationToken).ConfigureAwait(false)
                    : await TurnAsync(message.Id, channel, ChannelLimit, cancellationToken).ConfigureAwait(false);
            }

            var posted = turn ?? await PostNowAsync($"{message.Kind} in {channel}", channel, content, null, post.Id, SlackCardReference.CardKey, cancellationToken).ConfigureAwait(false);
            if (posted.Status != SurfaceDeliveryStatus.Delivered || turn is not null)
            {
                return posted;
            }
        }
        else
        {
            var updated = await slack.UpdateMessageAsync(card.Channel, card.Ts, SlackMessageTag.Tagged(content, post.Id, SlackCardReference.CardKey), cancellationToken).ConfigureAwait(false);
            if (!updated.Ok)
            {
                return Outcome(updated.Error, "the card");
            }
        }

        // The approval request and the crisis alert show the post too: keep them current.
        foreach (var key in new[] { SlackCardReference.ApprovalKey, SlackCardReference.CrisisKey })
        {
            if (SlackCardReference.Parse(await references.GetAsync(post.Id, key, cancellationToken).ConfigureAwait(false)) is { } companion)
            {
                var updated = await slack.UpdateMessageAsync(companion.Channel, companion.Ts, SlackMessageTag.Tagged(Companion(post, key, null), post.Id, key), cancellationToken).ConfigureAwait(false);
                if (!updated.Ok && updated.Error.Kind != SlackErrorKind.Permanent)
                {
                    return Outcome(updated.Error, "a message about the card");
                }
            }
        }

        return SurfaceDelivery.Delivered;
    }

    private async Task<SurfaceDelivery> InThreadAsync(OutboxMessage message, CustomerPost post, string text, CancellationToken cancellationToken)
    {
        if (SlackCardReference.Parse(await references.GetAsync(post.Id, SlackCardReference.CardKey, cancellationToken).ConfigureAwait(false)) is not { } card)
        {
            return await InDigestThreadAsync(message, post, text, cancellationToken).ConfigureAwait(false);
        }

        // Slack: a reply goes in a thread by naming the parent's ts as thread_ts, docs.slack.dev/messaging#threading
        return await PostAsync(message, card.Channel, new JsonObject { ["text"] = text }, card.Ts, null, null, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SurfaceDelivery> RequestApprovalAsync(OutboxMessage message, CustomerPost post, CancellationToken cancellationToken)
    {
        var lead = $":lock: {people.Mentions(message.People)} {Mrkdwn.Escape(message.Text, 2000)}".Trim();
        var (existing, recovered, problem) = await ExistingAsync(post.Id, SlackCardReference.ApprovalKey, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (existing is not null)
        {
            // A revised draft: the same request, brought up to date, and a new line in its thread;
            // or this very request, found posted after its answer was lost: brought up to date only.
            var updated = await slack.UpdateMessageAsync(existing.Channel, existing.Ts, SlackMessageTag.Tagged(Companion(post, SlackCardReference.ApprovalKey, lead), post.Id, SlackCardReference.ApprovalKey), cancellationToken).ConfigureAwait(false);
            if (!updated.Ok)
            {
                return Outcome(updated.Error, "the approval request");
            }

            return recovered ? SurfaceDelivery.Delivered : await PostAsync(message, existing.Channel, new JsonObject { ["text"] = lead }, existing.Ts, null, null, cancellationToken).ConfigureAwait(false);
        }

        var sensitivity = policy.Sensitivity(post.Sensitivity);
        var channel = sensitivity?.Channels.GetValueOrDefault(SurfaceNames.Slack) is { Length: > 0 } configured
            ? configured
            : await DirectConversationAsync(message.People, cancellationToken).ConfigureAwait(false) ?? QueueChannel(post);
        return channel is null
            ? SurfaceDelivery.Failed("No Slack channel for approvals: set the sensitivity's slack channel or Slack:DefaultChannel.")
            : await PostAsync(message, channel, Companion(post, SlackCardReference.ApprovalKey, lead), null, post.Id, SlackCardReference.ApprovalKey, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SurfaceDelivery> CrisisAlertAsync(OutboxMessage message, CustomerPost post, CancellationToken cancellationToken)
    {
        var lead = $":rotating_light: {people.Mentions(message.People)} {Mrkdwn.Escape(message.Text, 2000)}".Trim();
        var channel = policy.CrisisChannels.GetValueOrDefault(SurfaceNames.Slack) is { Length: > 0 } configured
            ? configured
            : await DirectConversationAsync(message.People, cancellationToken).ConfigureAwait(false) ?? QueueChannel(post);
        if (channel is null)
        {
            return SurfaceDelivery.Failed("No Slack channel for crisis alerts: set Accountability:Crisis:Channels:slack or Slack:DefaultChannel.");
        }

        var (existing, recovered, problem) = await ExistingAsync(post.Id, SlackCardReference.CrisisKey, cancellationToken).ConfigureAwait(false);
        return problem ?? (existing, recovered) switch
        {
            (null, _) => await PostAsync(message, channel, Companion(post, SlackCardReference.CrisisKey, lead), null, post.Id, SlackCardReference.CrisisKey, cancellationToken).ConfigureAwait(false),
            // This very alert, found posted after its answer was lost.
            (_, true) => SurfaceDelivery.Delivered,
            _ => await PostAsync(message, existing.Channel, new JsonObject { ["text"] = lead }, existing.Ts, null, null, cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>A spike's alert in the crisis room: posted once, then updated in place when someone answers it.</summary>
    public async Task<SurfaceDelivery> DeliverAlertAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (await spikes.ViewAsync(message.PostId, cancellationToken).ConfigureAwait(false) is not { } view)
        {
            return SurfaceDelivery.Failed($"No spike {message.PostId} is stored.");
        }

        var content = SlackSpikeAlert.Message(view, people.Mentions(message.People));
        var (existing, _, problem) = await ExistingAsync(view.SpikeId, SlackSpikeAlert.Key, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        // Posted before (or by an attempt whose answer was lost): shown as it is now.
        if (existing is not null)
        {
            var updated = await slack.UpdateMessageAsync(existing.Channel, existing.Ts, SlackMessageTag.Tagged(content, view.SpikeId, SlackSpikeAlert.Key), cancellationToken).ConfigureAwait(false);
            return updated.Ok ? SurfaceDelivery.Delivered : Outcome(updated.Error, "the spike alert");
        }

        var channel = policy.CrisisChannels.GetValueOrDefault(SurfaceNames.Slack) is { Length: > 0 } configured
            ? configured
            : await DirectConversationAsync(message.People, cancellationToken).ConfigureAwait(false) ?? options.Value.DefaultChannel;
        return channel is null
            ? SurfaceDelivery.Failed("No Slack channel for spike alerts: set Accountability:Crisis:Channels:slack or Slack:DefaultChannel.")
            : await PostAsync(message, channel, content, null, view.SpikeId, SlackSpikeAlert.Key, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The approval request or crisis alert: the card with the buttons that message is for.</summary>
    private JsonObject Companion(CustomerPost post, string key, string? lead)
    {
        var card = cards.Build(post, null);
        if (key == SlackCardReference.ApprovalKey)
        {
            card = card with { Actions = [.. card.Actions.Where(a => ApprovalTriggers.Any(t => t.ToString() == a.Id))] };
            lead ??= post.State == PostState.AwaitingApproval ? ":lock: Approval requested" : $":lock: {Mrkdwn.Escape(card.Draft?.Status ?? PostLabels.State(post.State))}";
        }

        return BlockKitRenderer.Message(card, lead ?? ":rotating_light: Crisis");
    }

    /// <summary>
    /// A DM from the app to one person about a post that waits on them: what happened, the customer's
    /// words, and where the card is. Someone Slack does not know is told nothing here (a thread mention went too).
    /// </summary>
    private async Task<SurfaceDelivery> DirectMessageAsync(OutboxMessage message, CustomerPost post, CancellationToken cancellationToken)
    {
        if (message.People is not [var personId] || policy.People.Find(personId)?.SlackUserId is null)
        {
            LogNoDirectMessage(message.People.Count == 1 ? message.People[0] : "several people");
            return SurfaceDelivery.Delivered;
        }

        if (await DirectConversationAsync(message.People, cancellationToken).ConfigureAwait(false) is not { } channel)
        {
            return SurfaceDelivery.Retry("Slack did not open the direct message (conversations.open).");
        }

        var card = cards.Build(post, null);
        var where = SlackCardReference.Parse(await references.GetAsync(post.Id, SlackCardReference.CardKey, cancellationToken).ConfigureAwait(false)) is { } posted
            ? $" The card is in <#{posted.Channel}>."
            : "";
        var open = card.ConsoleUrl is { } url ? $" {Mrkdwn.Link(url, "Open it")}" : "";
        var words = Mrkdwn.Escape(post.Text, 300);
        var text = $"{Mrkdwn.Escape(message.Text, 1000)}{where}{open}\n>{Mrkdwn.Escape(post.Author.DisplayName ?? post.Author.Handle, 100)} on {PostLabels.Source(post.Source)}: {words}";
        return await PostAsync(message, channel, new JsonObject { ["text"] = text }, null, null, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A group DM with these people (at most 8 Slack users), for approvals or alerts with no channel configured.</summary>
    private async Task<string?> DirectConversationAsync(IReadOnlyList<string> personIds, CancellationToken cancellationToken)
    {
        var users = personIds.Select(policy.People.Find).Select(p => p?.SlackUserId).OfType<string>().Distinct(StringComparer.Ordinal).Take(8).ToList();
        if (users.Count == 0)
        {
            return null;
        }

        var opened = await slack.OpenConversationAsync(users, cancellationToken).ConfigureAwait(false);
        // Slack: conversations.open answers {channel: {id}}, docs.slack.dev/reference/methods/conversations.open
        return opened.Ok && opened.Body.TryGetProperty("channel", out var channel) && channel.TryGetProperty("id", out var id) ? id.GetString() : null;
    }

    /// <summary>The digest of a channel, as the digest store and the posting pace name it.</summary>
    public static string DigestScope(string channel) => $"slack:{channel}";

    /// <summary>
    /// Posts a digest message within the channel's pace, or updates it where it was posted (found by
    /// its reference, or by its tag after an attempt whose answer was lost): never posted twice.
    /// </summary>
    internal async Task<SurfaceDelivery> ShowDigestAsync(string scope, int number, string channel, JsonObject content, CancellationToken cancellationToken)
    {
        var id = BurstDigests.MessageId(scope, number);
        var (existing, _, problem) = await ExistingAsync(id, SlackCardReference.DigestKey, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (existing is null)
        {
            return await TurnAsync(id, channel, ChannelLimit, cancellationToken).ConfigureAwait(false)
                ?? await PostNowAsync($"a digest in {channel}", channel, content, null, id, SlackCardReference.DigestKey, cancellationToken).ConfigureAwait(false);
        }

        var updated = await slack.UpdateMessageAsync(existing.Channel, existing.Ts, SlackMessageTag.Tagged(content, id, SlackCardReference.DigestKey), cancellationToken).ConfigureAwait(false);
        return updated.Ok ? SurfaceDelivery.Delivered : Outcome(updated.Error, "a digest");
    }

    // Slack: chat.postMessage allows about one message per second per channel, docs.slack.dev/apis/web-api/rate-limits
    private PaceLimit ChannelLimit => new(options.Value.ChannelBurst, options.Value.ChannelPostInterval);

    /// <summary>
    /// A waiting post's card in a burst (<see cref="BurstDigests.TurnOrDigestAsync"/>). Slack's pace
    /// holds each waiting card's turn, so while the digest fills a card still goes alone if the channel takes it at once.
    /// </summary>
    private Task<SurfaceDelivery?> TurnOrDigestAsync(OutboxMessage message, CustomerPost post, string scope, CancellationToken cancellationToken) =>
        bursts.TurnOrDigestAsync(
            scope,
            post.Id,
            new DigestPolicy(options.Value.DigestAfter, AloneWhileFilling: true),
            (longest, now) => pace.ReserveAsync(scope, message.Id, ChannelLimit with { LongestWait = longest }, now, cancellationToken),
            cancellationToken);

    /// <summary>A note or mention about a post that has no card yet but a digest line: in the digest message's thread, naming the customer.</summary>
    private async Task<SurfaceDelivery> InDigestThreadAsync(OutboxMessage message, CustomerPost post, string text, CancellationToken cancellationToken)
    {
        if (QueueChannel(post) is not { } channel || await digests.MessageOfAsync(DigestScope(channel), post.Id, cancellationToken).ConfigureAwait(false) is not { } number)
        {
            return SurfaceDelivery.Failed("The card was never posted in Slack, so its thread does not exist.");
        }

        var id = BurstDigests.MessageId(DigestScope(channel), number);
        if (number == 0 || SlackCardReference.Parse(await references.GetAsync(id, SlackCardReference.DigestKey, cancellationToken).ConfigureAwait(false)) is not { } digest)
        {
            return SurfaceDelivery.Defer("waiting for the post's digest line", options.Value.DigestUpdateInterval);
        }

        var who = Mrkdwn.Escape(new CardAuthor(post.Author.Handle, post.Author.DisplayName).Label, 200);
        return await PostAsync(message, digest.Channel, new JsonObject { ["text"] = $"*{who}*: {text}" }, digest.Ts, null, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Null when <paramref name="messageId"/> may post to the channel now; else a wait for its turn.</summary>
    private async Task<SurfaceDelivery?> TurnAsync(string messageId, string channel, PaceLimit limit, CancellationToken cancellationToken) =>
        await pace.ReserveAsync(DigestScope(channel), messageId, limit, time.GetUtcNow(), cancellationToken).ConfigureAwait(false) is { } wait
            ? SurfaceDelivery.Defer($"pacing posts to {channel}", wait)
            : null;

    /// <summary>Posts within the channel's pace; remembers the message under <paramref name="key"/> when given.</summary>
    private async Task<SurfaceDelivery> PostAsync(OutboxMessage message, string channel, JsonObject content, string? threadTs, string? postId, string? key, CancellationToken cancellationToken) =>
        await TurnAsync(message.Id, channel, ChannelLimit, cancellationToken).ConfigureAwait(false)
            ?? await PostNowAsync($"{message.Kind} in {channel}", channel, content, threadTs, postId, key, cancellationToken).ConfigureAwait(false);

    /// <summary>Posts, its turn taken; remembers the message under <paramref name="key"/> when given.</summary>
    private async Task<SurfaceDelivery> PostNowAsync(string what, string channel, JsonObject content, string? threadTs, string? postId, string? key, CancellationToken cancellationToken)
    {
        string? attempt = null;
        if (postId is not null && key is not null)
        {
            // Recorded before the call and tagged on the message: should no answer come back, the next
            // attempt looks for the message in the channel instead of posting it again.
            attempt = new SlackMessageTag.Attempt(channel, time.GetUtcNow()).ToString();
            await references.SetIfAbsentAsync(postId, key + SlackMessageTag.Attempt.KeySuffix, attempt, cancellationToken).ConfigureAwait(false);
            content = SlackMessageTag.Tagged(content, postId, key);
        }

        var posted = await slack.PostMessageAsync(channel, content, threadTs, cancellationToken).ConfigureAwait(false);
        if (!posted.Ok)
        {
            if (attempt is not null && !posted.Error.MayHaveHappened)
            {
                // Slack said no: nothing was posted, nothing to look for.
                await references.RemoveAsync(postId!, key + SlackMessageTag.Attempt.KeySuffix, attempt, cancellationToken).ConfigureAwait(false);
            }

            return Outcome(posted.Error, what);
        }

        if (postId is not null && key is not null && posted.Text("ts") is { } ts)
        {
            await RememberAsync(postId, key, new SlackCardReference(posted.Text("channel") ?? channel, ts), cancellationToken).ConfigureAwait(false);
            await references.RemoveAsync(postId, key + SlackMessageTag.Attempt.KeySuffix, attempt!, cancellationToken).ConfigureAwait(false);
        }

        return SurfaceDelivery.Delivered;
    }

    /// <summary>
    /// The message stored under <paramref name="key"/>; else, when an earlier attempt to post it got no
    /// answer, that message if Slack has it (found by its tag, then stored, <c>Recovered</c>); else none.
    /// </summary>
    private async Task<(SlackCardReference? Message, bool Recovered, SurfaceDelivery? Problem)> ExistingAsync(string postId, string key, CancellationToken cancellationToken)
    {
        if (SlackCardReference.Parse(await references.GetAsync(postId, key, cancellationToken).ConfigureAwait(false)) is { } stored)
        {
            return (stored, false, null);
        }

        var attemptKey = key + SlackMessageTag.Attempt.KeySuffix;
        var recorded = await references.GetAsync(postId, attemptKey, cancellationToken).ConfigureAwait(false);
        if (SlackMessageTag.Attempt.Parse(recorded) is not { } attempt)
        {
            return (null, false, null);
        }

        string? cursor = null;
        for (var page = 0; page < HistoryPages; page++)
        {
            var history = await slack.HistoryAsync(attempt.Channel, attempt.Oldest, cursor, cancellationToken).ConfigureAwait(false);
            if (!history.Ok)
            {
                return (null, false, Outcome(history.Error, $"looking in {attempt.Channel} for {key} posted earlier"));
            }

            if (history.Body.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
            {
                foreach (var found in messages.EnumerateArray())
                {
                    if (SlackMessageTag.Names(found, postId, key) && SlackPayload.String(found, "ts") is { } ts)
                    {
                        LogRecovered(key, attempt.Channel);
                        var reference = await RememberAsync(postId, key, new SlackCardReference(attempt.Channel, ts), cancellationToken).ConfigureAwait(false);
                        await references.RemoveAsync(postId, attemptKey, recorded!, cancellationToken).ConfigureAwait(false);
                        return (reference, true, null);
                    }
                }
            }

            // Slack: pages continue with response_metadata.next_cursor, docs.slack.dev/apis/web-api/pagination
            cursor = SlackPayload.String(history.Body, "response_metadata", "next_cursor");
            if (string.IsNullOrEmpty(cursor))
            {
                break;
            }
        }

        // Not in the channel: the attempt never got there. Post afresh.
        await references.RemoveAsync(postId, attemptKey, recorded!, cancellationToken).ConfigureAwait(false);
        return (null, false, null);
    }

    private async Task<SlackCardReference> RememberAsync(string postId, string key, SlackCardReference reference, CancellationToken cancellationToken)
    {
        var stored = await references.SetIfAbsentAsync(postId, key, reference.ToString(), cancellationToken).ConfigureAwait(false);
        if (stored != reference.ToString())
        {
            LogPostedTwice(key, stored, reference.ToString());
        }

        return SlackCardReference.Parse(stored) ?? reference;
    }

    private SurfaceDelivery Outcome(SlackApiError error, string what)
    {
        LogFailed(what, error.ToString());
        return error.Kind switch
        {
            // Slack's Retry-After is a wait, not a failure: however often it comes, the message is not given up on.
            SlackErrorKind.RateLimited when error.RetryAfter is { } wait => SurfaceDelivery.Defer(error.ToString(), wait),
            SlackErrorKind.RateLimited => SurfaceDelivery.Retry(error.ToString()),
            SlackErrorKind.Transient => SurfaceDelivery.Retry(error.ToString()),
            _ => SurfaceDelivery.Failed(error.ToString()),
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No Slack direct message for {Person}: their Slack user id is not known")]
    private partial void LogNoDirectMessage(string person);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack could not take {What}: {Error}")]
    private partial void LogFailed(string what, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Found {Key} in {Channel}, posted by an attempt whose answer never came: updated, not posted again")]
    private partial void LogRecovered(string key, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Another instance posted {Key} first ({Stored}); ours ({Ours}) stays as it is")]
    private partial void LogPostedTwice(string key, string stored, string ours);
}
