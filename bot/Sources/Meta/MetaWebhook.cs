using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Sources.Meta;

/// <summary>
/// Reads a verified Graph API webhook into customer messages: Page feed comments (added, edited,
/// removed), Messenger messages, Instagram comments and Instagram messages. Our own comments
/// and message echoes are left out, as is every event kind that is not a customer writing
/// (reactions, reads, deliveries, postbacks, new Page posts).
/// </summary>
public static class MetaWebhook
{
    public const string Facebook = "facebook";
    public const string Instagram = "instagram";

    public static (IReadOnlyList<IncomingPost> Posts, (string Path, string Problem)? Error) Read(JsonElement root)
    {
        var fields = new PayloadFields();
        var posts = new List<IncomingPost>();
        // Meta: object "page" for Facebook Pages and Messenger, "instagram" for Instagram, developers.facebook.com/docs/graph-api/webhooks/getting-started
        var source = fields.Text(root, "object", "$") switch
        {
            "page" => Facebook,
            "instagram" => Instagram,
            _ => null,
        };
        if (source is null)
        {
            // Another product's webhook (user, permissions, …): nothing of ours.
            return (posts, fields.Error);
        }

        foreach (var (entry, e) in PayloadFields.Items(root, "entry"))
        {
            var path = $"entry[{e}]";
            var account = fields.Text(entry, "id", path);
            if (account is null)
            {
                break;
            }

            foreach (var (messaging, m) in PayloadFields.Items(entry, "messaging"))
            {
                if (Message(fields, source, account, messaging, $"{path}.messaging[{m}]") is { } post)
                {
                    posts.Add(post);
                }
            }

            foreach (var (change, c) in PayloadFields.Items(entry, "changes"))
            {
                if (Comment(fields, source, account, change, $"{path}.changes[{c}]") is { } post)
                {
                    posts.Add(post);
                }
            }
        }

        return fields.Error is { } error ? ([], error) : (posts, null);
    }

    // Meta: entry[].messaging[] {sender, recipient, timestamp, message{mid, text, is_echo, attachments}}, developers.facebook.com/docs/messenger-platform/reference/webhook-events/messages
    private static IncomingPost? Message(PayloadFields fields, string source, string account, JsonElement messaging, string path)
    {
        var message = PayloadFields.Member(messaging, "message");
        // Echoes are what the Page itself sent; deliveries, reads and postbacks carry no message.
        if (message.ValueKind != JsonValueKind.Object || PayloadFields.IsTrue(message, "is_echo"))
        {
            return null;
        }

        var sender = fields.Text(PayloadFields.Member(messaging, "sender"), "id", $"{path}.sender");
        var mid = fields.Text(message, "mid", $"{path}.message");
        if (sender is null || mid is null || sender == account)
        {
            return null;
        }

        var text = fields.OptionalText(message, "text", $"{path}.message") ?? "";
        var attachments = PayloadFields.Items(message, "attachments")
            .Select(a => fields.OptionalText(PayloadFields.Member(a.Item, "payload"), "url", path) ?? fields.OptionalText(a.Item, "type", path) ?? "attachment")
            .ToList();
        if (attachments.Count > 0)
        {
            text = $"{text}\n\n[{attachments.Count} attachment{(attachments.Count == 1 ? "" : "s")}: {string.Join(", ", attachments)}]".Trim();
        }

        return new IncomingPost(source, MetaThread.Message(mid), MetaThread.Messages(account, sender), new PostAuthor(sender, null), text.Length > 0 ? text : "(no text)", null, PayloadFields.Time(messaging, "timestamp"));
    }

    private static IncomingPost? Comment(PayloadFields fields, string source, string account, JsonElement change, string path)
    {
        var field = fields.OptionalText(change, "field", path);
        var value = PayloadFields.Member(change, "value");
        return (source, field) switch
        {
            (Facebook, "feed") => FeedComment(fields, account, value, $"{path}.value"),
            (Instagram, "comments") => InstagramComment(fields, account, value, $"{path}.value"),
            _ => null,
        };
    }

    // Meta: feed changes {item: "comment", verb: add|edited|remove, comment_id, post_id, parent_id, from{id, name}, message, created_time}, developers.facebook.com/docs/graph-api/webhooks/reference/page#feed
    private static IncomingPost? FeedComment(PayloadFields fields, string page, JsonElement value, string path)
    {
        if (fields.OptionalText(value, "item", path) != "comment")
        {
            return null;
        }

        var verb = fields.Text(value, "verb", path);
        var commentId = fields.Text(value, "comment_id", path);
        var postId = fields.Text(value, "post_id", path);
        var from = PayloadFields.Member(value, "from");
        var authorId = fields.Text(from, "id", $"{path}.from");
        if (verb is null || commentId is null || postId is null || authorId is null || authorId == page)
        {
            return null;
        }

        var author = new PostAuthor(authorId, fields.OptionalText(from, "name", $"{path}.from", 256));
        var at = PayloadFields.Time(value, "created_time");
        var thread = MetaThread.Comments(postId, authorId);
        var url = $"https://www.facebook.com/{commentId}";
        var message = fields.OptionalText(value, "message", path) ?? "";
        return verb switch
        {
            "add" => new IncomingPost(Facebook, MetaThread.Comment(commentId), thread, author, message.Length > 0 ? message : "(no text)", url, at),
            // An edit is a follow-up of the same thread: the first text stays on the post, the new one is under it, marked.
            "edited" => new IncomingPost(Facebook, $"{MetaThread.Comment(commentId)}:edit:{Digest(message)}", thread, author, $"(edited their comment) {message}", url, at),
            "remove" => new IncomingPost(Facebook, $"{MetaThread.Comment(commentId)}:removed", thread, author, "(removed their comment)", url, at),
            _ => null,
        };
    }

    // Meta: Instagram comments {id, from{id, username}, media{id}, parent_id, text}, developers.facebook.com/docs/instagram-platform/webhooks
    private static IncomingPost? InstagramComment(PayloadFields fields, string account, JsonElement value, string path)
    {
        var commentId = fields.Text(value, "id", path);
        var from = PayloadFields.Member(value, "from");
        var authorId = fields.Text(from, "id", $"{path}.from");
        var mediaId = fields.Text(PayloadFields.Member(value, "media"), "id", $"{path}.media");
        if (commentId is null || authorId is null || mediaId is null || authorId == account)
        {
            return null;
        }

        var username = fields.OptionalText(from, "username", $"{path}.from", 256);
        var text = fields.OptionalText(value, "text", path) ?? "";
        return new IncomingPost(Instagram, MetaThread.Comment(commentId), MetaThread.Comments(mediaId, authorId), new PostAuthor(username is null ? authorId : "@" + username, null), text.Length > 0 ? text : "(no text)", null, null);
    }

    /// <summary>Tells one edit from another, so a redelivered edit is stored once and a second edit is not lost.</summary>
    private static string Digest(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];
}
