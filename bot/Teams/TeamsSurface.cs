using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ChatOpsReply.Accountability;
using ChatOpsReply.Cards;
using ChatOpsReply.Crises;
using ChatOpsReply.Delivery;
using ChatOpsReply.Posts;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace ChatOpsReply.Teams;

/// <summary>
/// Teams as a surface: each post is a card starting a thread in its queue's channel, updated in
/// place after every transition; notes and mentions are replies in that thread; approval requests
/// and crisis alerts are copies of the card in the approvers' and crisis channels. In a burst, posts
/// nobody took yet are lines on the channel's digest cards (<see cref="TeamsDigests"/>) instead.
/// </summary>
public sealed partial class TeamsSurface(
    BotConnectorClient connector,
    TeamsCards cards,
    TeamsThreadThrottle throttle,
    ICardReferences references,
    ITeamsDirectoryStore directory,
    IDigestStore digests,
    BurstDigests bursts,
    SpikeAlertViews spikes,
    AccountabilityPolicy policy,
    IOptions<TeamsOptions> options,
    TimeProvider time,
    ILogger<TeamsSurface> logger) : IChatSurface
{
    public const string CardKey = "teams:card";
    public const string ApprovalKey = "teams:approval";
    public const string CrisisKey = "teams:crisis";

    /// <summary>A digest card of a burst, under the digest message's id (<see cref="BurstDigests.MessageId"/>).</summary>
    public const string DigestKey = "teams:digest";

    /// <summary>Under <c>{key}:attempt</c>: a post of that message was sent and its answer has not come yet.</summary>
    public const string AttemptSuffix = ":attempt";

    /// <summary>Under <c>{key}:copy</c>: an earlier post of that message got no answer, so Teams may show a second copy (<see cref="TeamsCardCopies"/>).</summary>
    public const string CopySuffix = ":copy";

    /// <summary>The most a whole activity may take, card and envelope together (Teams' strictest published limit).</summary>
    public const int MaxActivityBytes = AdaptiveCardRenderer.MaxCardBytes;

    public string Name => SurfaceNames.Teams;

    public async Task<SurfaceDelivery> DeliverAsync(OutboxMessage message, CustomerPost post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(post);
        return await SignedInAsync(async () => message.Kind switch
            {
                OutboxKind.ShowCard => await ShowCardAsync(post, cancellationToken).ConfigureAwait(false),
                OutboxKind.ThreadNote or OutboxKind.Notify => await ReplyInThreadAsync(post, message, cancellationToken).ConfigureAwait(false),
                OutboxKind.RequestApproval => await PostCopyAsync(post, ApprovalKey, policy.Sensitivity(post.Sensitivity)?.Channels.GetValueOrDefault(SurfaceNames.Teams), message, cancellationToken).ConfigureAwait(false),
                OutboxKind.CrisisAlert => await PostCopyAsync(post, CrisisKey, policy.CrisisChannels.GetValueOrDefault(SurfaceNames.Teams), message, cancellationToken).ConfigureAwait(false),
                OutboxKind.DirectMessage => await DirectMessageAsync(post, message, cancellationToken).ConfigureAwait(false),
                _ => SurfaceDelivery.Failed($"Teams does not deliver {message.Kind} messages."),
            }).ConfigureAwait(false);
    }

    /// <summary>
    /// A spike's alert in the crisis team's channel (else the default channel), mentioning the crisis team:
    /// posted once, then updated in place when someone answers it.
    /// </summary>
    public Task<SurfaceDelivery> DeliverAlertAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return SignedInAsync(async () =>
        {
            if (await spikes.ViewAsync(message.PostId, cancellationToken).ConfigureAwait(false) is not { } view)
            {
                return SurfaceDelivery.Failed($"No spike {message.PostId} is stored.");
            }

            var card = TeamsSpikeAlert.Card(view);
            if (TeamsMessageReference.Parse(await references.GetAsync(view.SpikeId, TeamsSpikeAlert.Key, cancellationToken).ConfigureAwait(false)) is { } posted)
            {
                if (await throttle.TryAcquireAsync(posted.ConversationId, cancellationToken).ConfigureAwait(false) is { } wait)
                {
                    return Throttled(wait);
                }

                var updated = await connector.UpdateActivityAsync(posted.ServiceUrl, posted.ConversationId, posted.ActivityId, BotConnectorClient.CardActivity(card, null, null), cancellationToken).ConfigureAwait(false);
                return updated.IsSuccess ? SurfaceDelivery.Delivered : Outcome(updated, "Updating the spike alert");
            }

            if ((policy.CrisisChannels.GetValueOrDefault(SurfaceNames.Teams) ?? options.Value.DefaultChannelId) is not { } channel)
            {
                return SurfaceDelivery.Failed("No Teams channel for spike alerts: set Accountability:Crisis:Channels:teams or Teams:DefaultChannelId.");
            }

            var (text, entities) = await MentionsAsync(message with { Text = view.Headline }, cancellationToken).ConfigureAwait(false);
            return await CreateAsync(view.SpikeId, TeamsSpikeAlert.Key, channel, _ => Task.FromResult(BotConnectorClient.CardActivity(card, text, entities)), turnTaken: false, cancellationToken).ConfigureAwait(false);
        });
    }

    /// <summary>The digest scope of a Teams channel, as the digest store and <see cref="TeamsDigests"/> name it.</summary>
    public static string DigestScope(string channel) => $"teams:{channel}";

    /// <summary>
    /// Posts digest message <paramref name="number"/> of a burst as a card in the channel, or updates it
    /// where it was posted, within the channel's per-thread limits.
    /// </summary>
    internal Task<SurfaceDelivery> ShowDigestAsync(string scope, int number, string channel, DigestModel digest, CancellationToken cancellationToken) =>
        SignedInAsync(async () =>
        {
            var id = BurstDigests.MessageId(scope, number);
            Task<JsonObject> Activity(int maxBytes)
            {
                var card = AdaptiveCardRenderer.Digest(digest, number, maxBytes);
                var activity = BotConnectorClient.CardActivity(card, null, null);
                var envelope = AdaptiveCardRenderer.Size(activity) - AdaptiveCardRenderer.Size(card);
                return Task.FromResult(envelope + AdaptiveCardRenderer.Size(card) <= maxBytes ? activity : BotConnectorClient.CardActivity(AdaptiveCardRenderer.Digest(digest, number, maxBytes - envelope), null, null));
            }

            if (TeamsMessageReference.Parse(await references.GetAsync(id, DigestKey, cancellationToken).ConfigureAwait(false)) is not { } posted)
            {
                return await CreateAsync(id, DigestKey, channel, Activity, turnTaken: false, cancellationToken).ConfigureAwait(false);
            }

            if (await throttle.TryAcquireAsync(posted.ConversationId, cancellationToken).ConfigureAwait(false) is { } wait)
            {
                return Throttled(wait);
            }

            var updated = await SendFittedAsync(Activity, a => connector.UpdateActivityAsync(posted.ServiceUrl, posted.ConversationId, posted.ActivityId, a, cancellationToken)).ConfigureAwait(false);
            return updated.IsSuccess ? SurfaceDelivery.Delivered : Outcome(updated, "Updating a digest");
        });

    /// <summary>Runs a delivery, turning the Microsoft identity platform's refusals into outbox results.</summary>
    private async Task<SurfaceDelivery> SignedInAsync(Func<Task<SurfaceDelivery>> deliver)
    {
        try
        {
            return await deliver().ConfigureAwait(false);
        }
        catch (MsalException e) when (e.IsRetryable)
        {
            return SurfaceDelivery.Retry($"The Microsoft identity platform is unavailable: {e.ErrorCode}");
        }
        catch (MsalException e)
        {
            LogSignInFailed(e.ErrorCode);
            return SurfaceDelivery.Failed($"The bot cannot sign in to the Microsoft identity platform ({e.ErrorCode}): check Teams:AppId, Teams:AppPassword and Teams:TenantId.");
        }
    }

    /// <summary>Posts the card in the queue's channel, or updates it (and its copies) where it was posted.</summary>
    private async Task<SurfaceDelivery> ShowCardAsync(CustomerPost post, CancellationToken cancellationToken)
    {
        var fitted = new Dictionary<int, JsonObject>();
        async Task<JsonObject> Activity(int maxBytes)
        {
            // Rendered once per size, then copied: every message of the post shows the same card.
            if (!fitted.TryGetValue(maxBytes, out var activity))
            {
                activity = await CardActivityAsync(post, null, null, maxBytes, cancellationToken).ConfigureAwait(false);
                fitted[maxBytes] = activity;
            }

            return activity.DeepClone().AsObject();
        }

        var main = TeamsMessageReference.Parse(await references.GetAsync(post.Id, CardKey, cancellationToken).ConfigureAwait(false));
        if (main is null)
        {
            var queue = policy.Queue(post.Queue);
            var channel = queue.Channels.GetValueOrDefault(SurfaceNames.Teams) ?? options.Value.DefaultChannelId;
            if (channel is null)
            {
                return SurfaceDelivery.Failed($"Queue '{queue.Name}' names no Teams channel (Accountability:Queues:…:Channels:teams) and Teams:DefaultChannelId is not set.");
            }

            var scope = DigestScope(channel);
            var alone = DigestLines.NeedsOwnCard(post);
            if (await digests.MessageOfAsync(scope, post.Id, cancellationToken).ConfigureAwait(false) is not null)
            {
                // On a digest: its line is redrawn with the others; a post someone took gets its own card too,
                // and its line changes when that card is posted.
                var shown = alone ? await CreateAsync(post.Id, CardKey, channel, Activity, turnTaken: false, cancellationToken).ConfigureAwait(false) : SurfaceDelivery.Delivered;
                if (shown.Status == SurfaceDeliveryStatus.Delivered)
                {
                    await digests.MarkChangedAsync(scope, post.Id, cancellationToken).ConfigureAwait(false);
                }

                return shown;
            }

            if (!alone)
            {
                // Teams' sliding windows hold no turns, so while a digest fills every new card joins it (AloneWhileFilling: false).
                var settings = options.Value;
                var decided = await bursts.TurnOrDigestAsync(scope, post.Id, new DigestPolicy(settings.DigestAfter, AloneWhileFilling: false), (_, _) => throttle.TryAcquireAsync(channel, cancellationToken), cancellationToken).ConfigureAwait(false);
                if (decided is not null)
                {
                    return decided;
                }
            }

            return await CreateAsync(post.Id, CardKey, channel, Activity, turnTaken: !alone, cancellationToken).ConfigureAwait(false);
        }

        foreach (var key in new[] { CardKey, ApprovalKey, CrisisKey })
        {
            var reference = key == CardKey ? main : TeamsMessageReference.Parse(await references.GetAsync(post.Id, key, cancellationToken).ConfigureAwait(false));
            if (reference is null)
            {
                continue;
            }

            if (await throttle.TryAcquireAsync(reference.ConversationId, cancellationToken).ConfigureAwait(false) is { } wait)
            {
                return Throttled(wait);
            }

            var updated = await SendFittedAsync(Activity, a => connector.UpdateActivityAsync(reference.ServiceUrl, reference.ConversationId, reference.ActivityId, a, cancellationToken)).ConfigureAwait(false);
            if (!updated.IsSuccess)
            {
                return Outcome(updated, "Updating the card");
            }
        }

        return SurfaceDelivery.Delivered;
    }

    /// <summary>
    /// A proactive 1:1 message to one person about a post that waits on them, in the chat they have with
    /// the bot. Someone who never had one is told nothing here (the mention under the card went too).
    /// </summary>
    private async Task<SurfaceDelivery> DirectMessageAsync(CustomerPost post, OutboxMessage message, CancellationToken cancellationToken)
    {
        var person = message.People is [var id] ? policy.People.Find(id) : null;
        var chat = person?.TeamsUserId is { } aad ? await directory.FindPersonalChatAsync(aad, cancellationToken).ConfigureAwait(false) : null;
        if (chat is null || !Uri.TryCreate(chat.ServiceUrl, UriKind.Absolute, out var serviceUrl))
        {
            LogNoPersonalChat(person?.Id ?? "someone unknown");
            return SurfaceDelivery.Delivered;
        }

        if (await throttle.TryAcquireAsync(chat.ConversationId, cancellationToken).ConfigureAwait(false) is { } wait)
        {
            return Throttled(wait);
        }

        var text = $"{AdaptiveCardMarkdown.Escape(message.Text ?? "")}\n\n> {AdaptiveCardMarkdown.Escape(post.Author.DisplayName ?? post.Author.Handle)} on {PostLabels.Source(post.Source)}: {AdaptiveCardMarkdown.Escape(post.Text.Length > 300 ? post.Text[..300] + "…" : post.Text)}";
        var sent = await connector.SendToConversationAsync(serviceUrl, chat.ConversationId, BotConnectorClient.TextActivity(text), cancellationToken).ConfigureAwait(false);
        return sent.IsSuccess ? SurfaceDelivery.Delivered : Outcome(sent, "Messaging a person directly");
    }

    private async Task<SurfaceDelivery> ReplyInThreadAsync(CustomerPost post, OutboxMessage message, CancellationToken cancellationToken)
    {
        var main = TeamsMessageReference.Parse(await references.GetAsync(post.Id, CardKey, cancellationToken).ConfigureAwait(false));
        if (main is not null)
        {
            return await ReplyAsync(main, message, null, cancellationToken).ConfigureAwait(false);
        }

        // A post with only a digest line: in the digest's thread, naming the customer.
        var channel = policy.Queue(post.Queue).Channels.GetValueOrDefault(SurfaceNames.Teams) ?? options.Value.DefaultChannelId;
        if (channel is null || await digests.MessageOfAsync(DigestScope(channel), post.Id, cancellationToken).ConfigureAwait(false) is not { } number)
        {
            return SurfaceDelivery.Failed("The post's card was never posted in Teams, so there is no thread to reply in.");
        }

        var id = BurstDigests.MessageId(DigestScope(channel), number);
        if (number == 0 || TeamsMessageReference.Parse(await references.GetAsync(id, DigestKey, cancellationToken).ConfigureAwait(false)) is not { } digest)
        {
            return SurfaceDelivery.Defer("waiting for the post's digest line", options.Value.DigestUpdateInterval);
        }

        return await ReplyAsync(digest, message, new CardAuthor(post.Author.Handle, post.Author.DisplayName).Label, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// An approval request or crisis alert: a copy of the card in its own channel, mentioning the
    /// people asked; with no such channel, a reply mentioning them under the post's card.
    /// </summary>
    private async Task<SurfaceDelivery> PostCopyAsync(CustomerPost post, string key, string? channel, OutboxMessage message, CancellationToken cancellationToken)
    {
        var copy = TeamsMessageReference.Parse(await references.GetAsync(post.Id, key, cancellationToken).ConfigureAwait(false));
        if (copy is not null)
        {
            // Asked again (a revised draft): a reply in the copy's thread; the copy itself is updated with the card.
            return await ReplyAsync(copy, message, null, cancellationToken).ConfigureAwait(false);
        }

        if (channel is null)
        {
            return await ReplyInThreadAsync(post, message, cancellationToken).ConfigureAwait(false);
        }

        var (text, entities) = await MentionsAsync(message, cancellationToken).ConfigureAwait(false);
        return await CreateAsync(post.Id, key, channel, maxBytes => CardActivityAsync(post, text, entities?.DeepClone().AsArray(), maxBytes, cancellationToken), turnTaken: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The post's card in a message activity that, whole, takes at most <paramref name="maxBytes"/>:
    /// the limit is on the message, and the envelope (text, mentions, attachment) takes its share.
    /// </summary>
    private async Task<JsonObject> CardActivityAsync(CustomerPost post, string? text, JsonArray? entities, int maxBytes, CancellationToken cancellationToken)
    {
        var card = await cards.RenderAsync(post, null, null, cancellationToken, maxBytes).ConfigureAwait(false);
        var activity = BotConnectorClient.CardActivity(card, text, entities);
        var envelope = AdaptiveCardRenderer.Size(activity) - AdaptiveCardRenderer.Size(card);
        if (AdaptiveCardRenderer.Size(activity) <= maxBytes)
        {
            return activity;
        }

        card = await cards.RenderAsync(post, null, null, cancellationToken, maxBytes - envelope).ConfigureAwait(false);
        return BotConnectorClient.CardActivity(card, text, entities?.DeepClone().AsArray());
    }

    /// <summary>Sends the card's activity; refused as too large (413 MessageSizeTooBig), sends it again cut to half the size.</summary>
    private async Task<ConnectorResponse> SendFittedAsync(Func<int, Task<JsonObject>> activity, Func<JsonObject, Task<ConnectorResponse>> send)
    {
        var response = await send(await activity(MaxActivityBytes).ConfigureAwait(false)).ConfigureAwait(false);
        // Teams: a message over its size limit is refused with 413 MessageSizeTooBig, msteams-docs bots/how-to/rate-limit (and format-your-bot-messages).
        if (response.Status == HttpStatusCode.RequestEntityTooLarge)
        {
            LogTooBig(response.Describe());
            response = await send(await activity(MaxActivityBytes / 2).ConfigureAwait(false)).ConfigureAwait(false);
        }

        return response;
    }

    /// <summary>
    /// Posts a message that starts a thread, remembered under <paramref name="key"/>. The attempt is
    /// recorded before the call: the Bot Connector cannot list a channel's messages, so when no answer
    /// came the message is posted again (a post must have its card) and the possible copy is noted, to
    /// be removed when it shows itself (<see cref="TeamsCardCopies"/>).
    /// </summary>
    /// <param name="id">The post (or digest message) the message is remembered for.</param>
    /// <param name="turnTaken">The channel's turn was taken for this call already.</param>
    private async Task<SurfaceDelivery> CreateAsync(string id, string key, string channel, Func<int, Task<JsonObject>> activity, bool turnTaken, CancellationToken cancellationToken)
    {
        var serviceUrl = await ServiceUrlAsync(channel, cancellationToken).ConfigureAwait(false);
        if (serviceUrl is null)
        {
            return SurfaceDelivery.Failed($"Teams channel '{channel}' is unknown: add the bot to its team (it then learns the channel), or set Teams:ServiceUrl.");
        }

        if (!turnTaken && await throttle.TryAcquireAsync(channel, cancellationToken).ConfigureAwait(false) is { } wait)
        {
            return Throttled(wait);
        }

        var attemptKey = key + AttemptSuffix;
        var attempt = $"{channel}|{time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}";
        var earlier = await references.SetIfAbsentAsync(id, attemptKey, attempt, cancellationToken).ConfigureAwait(false);
        if (earlier != attempt)
        {
            LogMayHaveCopy(key, channel);
            await references.SetIfAbsentAsync(id, key + CopySuffix, earlier, cancellationToken).ConfigureAwait(false);
            await references.RemoveAsync(id, attemptKey, earlier, cancellationToken).ConfigureAwait(false);
            await references.SetIfAbsentAsync(id, attemptKey, attempt, cancellationToken).ConfigureAwait(false);
        }

        var created = await SendFittedAsync(activity, a => connector.CreateConversationAsync(serviceUrl, channel, options.Value.TenantId, a, cancellationToken)).ConfigureAwait(false);
        if (!created.IsSuccess)
        {
            if ((int)created.Status < 500)
            {
                // Teams said no: nothing was posted.
                await references.RemoveAsync(id, attemptKey, attempt, cancellationToken).ConfigureAwait(false);
            }

            return Outcome(created, "Posting the card");
        }

        if (created.Value("id") is not { } conversation || created.Value("activityId") is not { } activityId)
        {
            return SurfaceDelivery.Failed("Teams accepted the card but did not say where it is (no id or activityId).");
        }

        // Teams answers with the service URL to use for the new conversation when it differs.
        var where = Uri.TryCreate(created.Value("serviceUrl"), UriKind.Absolute, out var answered) ? answered : serviceUrl;
        await references.SetIfAbsentAsync(id, key, new TeamsMessageReference(where, conversation, activityId).Format(), cancellationToken).ConfigureAwait(false);
        if (key == CardKey)
        {
            // Replies in the card's chain arrive in this conversation: they are notes on the post.
            await references.SetIfAbsentAsync(id, TeamsNotes.ThreadKey, conversation, cancellationToken).ConfigureAwait(false);
        }

        await references.RemoveAsync(id, attemptKey, attempt, cancellationToken).ConfigureAwait(false);
        LogPosted(key, channel);
        return SurfaceDelivery.Delivered;
    }

    /// <param name="about">The customer the reply is about, named first where the thread is not the post's own.</param>
    private async Task<SurfaceDelivery> ReplyAsync(TeamsMessageReference thread, OutboxMessage message, string? about, CancellationToken cancellationToken)
    {
        if (await throttle.TryAcquireAsync(thread.ConversationId, cancellationToken).ConfigureAwait(false) is { } wait)
        {
            return Throttled(wait);
        }

        var (text, entities) = await MentionsAsync(message, cancellationToken).ConfigureAwait(false);
        if (about is not null)
        {
            text = $"**{AdaptiveCardMarkdown.Escape(about)}**: {text}";
        }

        var sent = await connector.SendToConversationAsync(thread.ServiceUrl, thread.ConversationId, BotConnectorClient.TextActivity(text, entities), cancellationToken).ConfigureAwait(false);
        return sent.IsSuccess ? SurfaceDelivery.Delivered : Outcome(sent, "Replying in the thread");
    }

    /// <summary>The message's text, escaped, after a mention of each person whose Teams user id the bot knows.</summary>
    private async Task<(string Text, JsonArray? Entities)> MentionsAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var text = AdaptiveCardMarkdown.Escape(message.Text ?? "");
        var people = message.People.Select(policy.People.Find).OfType<Person>().ToList();
        if (people.Count == 0)
        {
            return (text, null);
        }

        var known = await directory.FindUsersAsync([.. people.Select(p => p.TeamsUserId).OfType<string>()], cancellationToken).ConfigureAwait(false);
        var entities = new JsonArray();
        var names = new List<string>();
        foreach (var person in people)
        {
            var name = AdaptiveCardMarkdown.Escape(person.Name);
            if (person.TeamsUserId is { } aad && known.TryGetValue(aad, out var userId))
            {
                // Teams: a mention is "<at>name</at>" in the text plus a mention entity naming the user, msteams-docs bots/how-to/conversations/channel-and-group-conversations#add-mentions-to-your-messages.
                names.Add($"<at>{name}</at>");
                entities.Add(new JsonObject
                {
                    ["type"] = "mention",
                    ["text"] = $"<at>{name}</at>",
                    ["mentioned"] = new JsonObject { ["id"] = userId, ["name"] = person.Name },
                });
            }
            else
            {
                names.Add(name);
            }
        }

        return ($"{string.Join(", ", names)}: {text}", entities.Count > 0 ? entities : null);
    }

    private async Task<Uri?> ServiceUrlAsync(string channel, CancellationToken cancellationToken) =>
        await directory.FindChannelAsync(channel, cancellationToken).ConfigureAwait(false) is { } known && Uri.TryCreate(known.ServiceUrl, UriKind.Absolute, out var url)
            ? url
            : options.Value.ServiceUrl;

    private static SurfaceDelivery Throttled(TimeSpan wait) =>
        SurfaceDelivery.Defer("Teams allows a bot 7 messages a second and 60 in 30 seconds per thread.", wait);

    /// <summary>Which refusals are worth trying again.</summary>
    private static SurfaceDelivery Outcome(ConnectorResponse response, string what) => response.Status switch
    {
        // Teams: retry 429, 412, 502 and 504 with backoff (or after Retry-After), msteams-docs bots/how-to/rate-limit#handle-rate-limits-in-the-bot.
        HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout
            or HttpStatusCode.InternalServerError or HttpStatusCode.ServiceUnavailable => SurfaceDelivery.Retry($"{what}: {response.Describe()}", response.RetryAfter),
        // 403 MessageWritesBlocked (the bot was removed), 404, 400, 413 MessageSizeTooBig: no retry will change them.
        _ => SurfaceDelivery.Failed($"{what}: {response.Describe()}"),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "No Teams 1:1 message for {Person}: they never chatted with the bot, so there is no conversation to write to")]
    private partial void LogNoPersonalChat(string person);
    [LoggerMessage(Level = LogLevel.Warning, Message = "An earlier post of {Key} in Teams channel {Channel} got no answer; posting it again, and removing the first if it shows")]
    private partial void LogMayHaveCopy(string key, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams refused a card as too large ({Answer}); sending it cut shorter")]
    private partial void LogTooBig(string answer);

    [LoggerMessage(Level = LogLevel.Information, Message = "Posted {Key} in Teams channel {Channel}")]
    private partial void LogPosted(string key, string channel);

    [LoggerMessage(Level = LogLevel.Error, Message = "The Teams bot cannot sign in: {ErrorCode}")]
    private partial void LogSignInFailed(string errorCode);
}
