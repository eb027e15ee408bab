using System.Globalization;
using System.Text.Json;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Sources.X;

/// <summary>
/// The one reader of X's webhook events (the Account Activity payload; the X Activity API that
/// replaces it uses the same webhook security and lands here too): posts that mention or answer
/// us (<c>tweet_create_events</c>) and direct messages (<c>direct_message_events</c>). Our own
/// posts and messages are left out, as is every other kind (likes, follows, deletions…).
/// <para>
/// Ids written on posts, so the sender needs no lookup: a public thread is <c>tweets:{author id}</c>,
/// each post in it <c>mention:{id}</c> when it mentions or quotes our account, else <c>tweet:{id}</c>
/// (X lets most tiers answer only the first kind); a conversation is <c>dm:{sender id}</c>, each
/// message <c>dm:{event id}</c>.
/// </para>
/// </summary>
public static class XWebhook
{
    public const string Source = "x";
    public const string TweetsPrefix = "tweets:";
    public const string MessagesPrefix = "dm:";

    public static (IReadOnlyList<IncomingPost> Posts, (string Path, string Problem)? Error) Read(JsonElement root, string? accountId)
    {
        var fields = new PayloadFields();
        var posts = new List<IncomingPost>();
        // X: for_user_id names the subscribed account, docs.x.com/x-api/enterprise-gnip-2.0/fundamentals/account-activity
        var us = accountId ?? fields.OptionalText(root, "for_user_id", "$");
        foreach (var (tweet, i) in PayloadFields.Items(root, "tweet_create_events"))
        {
            if (Tweet(fields, tweet, $"tweet_create_events[{i}]", us) is { } post)
            {
                posts.Add(post);
            }
        }

        var users = PayloadFields.Member(root, "users");
        foreach (var (dm, i) in PayloadFields.Items(root, "direct_message_events"))
        {
            if (Message(fields, dm, users, $"direct_message_events[{i}]", us) is { } post)
            {
                posts.Add(post);
            }
        }

        return fields.Error is { } error ? ([], error) : (posts, null);
    }

    /// <summary>Whether the id is of a post that mentioned or quoted us (<c>mention:</c>) or not (<c>tweet:</c>).</summary>
    public static (string Id, bool Mentioned)? TweetOf(string externalId)
    {
        ArgumentNullException.ThrowIfNull(externalId);
        return externalId.StartsWith("mention:", StringComparison.Ordinal) ? (externalId["mention:".Length..], true)
            : externalId.StartsWith("tweet:", StringComparison.Ordinal) ? (externalId["tweet:".Length..], false)
            : null;
    }

    // X: v1.1 post objects: id_str, text / extended_tweet.full_text, user{id_str, screen_name, name}, entities.user_mentions[], quoted_status, timestamp_ms, developer.x.com/en/docs/twitter-api/v1/data-dictionary/object-model/tweet
    private static IncomingPost? Tweet(PayloadFields fields, JsonElement tweet, string path, string? us)
    {
        var id = fields.Text(tweet, "id_str", path);
        var user = PayloadFields.Member(tweet, "user");
        var userId = fields.Text(user, "id_str", $"{path}.user");
        var screenName = fields.Text(user, "screen_name", $"{path}.user", 64);
        if (id is null || userId is null || screenName is null || userId == us)
        {
            return null;
        }

        // A retweet carries nobody's new words.
        if (PayloadFields.Member(tweet, "retweeted_status").ValueKind == JsonValueKind.Object)
        {
            return null;
        }

        var extended = PayloadFields.Member(tweet, "extended_tweet");
        var text = fields.OptionalText(extended, "full_text", $"{path}.extended_tweet") ?? fields.OptionalText(tweet, "full_text", path) ?? fields.OptionalText(tweet, "text", path) ?? "";
        // A long post's full entities are in extended_tweet, as its full text is.
        var entities = PayloadFields.Member(extended, "entities") is { ValueKind: JsonValueKind.Object } full ? full : PayloadFields.Member(tweet, "entities");
        var mentions = PayloadFields.Items(entities, "user_mentions");
        var mentioned = us is not null && (mentions.Any(m => fields.OptionalText(m.Item, "id_str", path) == us)
            || fields.OptionalText(PayloadFields.Member(PayloadFields.Member(tweet, "quoted_status"), "user"), "id_str", path) == us);
        var at = PayloadFields.Time(tweet, "timestamp_ms") ?? CreatedAt(tweet);
        return new IncomingPost(
            Source,
            $"{(mentioned ? "mention" : "tweet")}:{id}",
            TweetsPrefix + userId,
            new PostAuthor("@" + screenName, fields.OptionalText(user, "name", $"{path}.user", 256)),
            text.Length > 0 ? text : "(no text)",
            $"https://x.com/{screenName}/status/{id}",
            at);
    }

    // X: direct_message_events[] {type: message_create, id, created_timestamp, message_create{sender_id, target{recipient_id}, message_data{text}}} with users{id: {name, screen_name}}, same page
    private static IncomingPost? Message(PayloadFields fields, JsonElement dm, JsonElement users, string path, string? us)
    {
        if (fields.OptionalText(dm, "type", path) != "message_create")
        {
            return null;
        }

        var id = fields.Text(dm, "id", path);
        var create = PayloadFields.Member(dm, "message_create");
        var sender = fields.Text(create, "sender_id", $"{path}.message_create");
        if (id is null || sender is null || sender == us)
        {
            return null;
        }

        var text = fields.OptionalText(PayloadFields.Member(create, "message_data"), "text", $"{path}.message_create.message_data") ?? "";
        var user = PayloadFields.Member(users, sender);
        var screenName = fields.OptionalText(user, "screen_name", "users", 64);
        return new IncomingPost(
            Source,
            MessagesPrefix + id,
            MessagesPrefix + sender,
            new PostAuthor(screenName is null ? sender : "@" + screenName, fields.OptionalText(user, "name", "users", 256)),
            text.Length > 0 ? text : "(no text)",
            null,
            PayloadFields.Time(dm, "created_timestamp"));
    }

    private static DateTimeOffset? CreatedAt(JsonElement tweet) =>
        PayloadFields.Member(tweet, "created_at") is { ValueKind: JsonValueKind.String } created
        && DateTimeOffset.TryParseExact(created.GetString(), "ddd MMM dd HH:mm:ss zzz yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? at
            : null;
}
