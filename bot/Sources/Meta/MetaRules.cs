using System.Text;
using ChatOpsReply.Guidelines;
using ChatOpsReply.Posts;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Sources.Meta;

/// <summary>
/// Meta's rules for a reply, as values: how long a comment or a message may be, and the messaging
/// window, 24 hours after the customer's last message (7 days with the Human Agent tag, when the
/// Page has that permission). A comment reply has no window, but needs a comment that still exists.
/// </summary>
public sealed class MetaRules(IOptions<MetaOptions> options) : IChannelRules
{
    // Meta: a Messenger text message is at most 2,000 characters, developers.facebook.com/docs/messenger-platform/send-messages
    public const int MessengerMaxLength = 2000;

    // Meta: Instagram message text is at most 1,000 bytes of UTF-8, developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/messaging-api
    public const int InstagramMessageMaxBytes = 1000;

    // Meta: a Page comment's message is at most 8,000 characters, developers.facebook.com/docs/graph-api/reference/object/comments
    public const int FacebookCommentMaxLength = 8000;

    // Meta: Instagram comments are at most 2,200 characters, developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-comment/replies
    public const int InstagramCommentMaxLength = 2200;

    // Meta: the standard messaging window is 24 hours after the person's last message; HUMAN_AGENT extends it to 7 days, developers.facebook.com/docs/messenger-platform/send-messages/message-tags
    public static readonly TimeSpan StandardWindow = TimeSpan.FromHours(24);
    public static readonly TimeSpan HumanAgentWindow = TimeSpan.FromDays(7);

    public bool AppliesTo(string source) => source is MetaWebhook.Facebook or MetaWebhook.Instagram;

    public IReadOnlyList<GuidelineFinding> CheckText(CustomerPost post, string text)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(text);
        var thread = MetaThread.Parse(post.ThreadId);
        var instagram = post.Source == MetaWebhook.Instagram;
        var bytes = Encoding.UTF8.GetByteCount(text);
        GuidelineFinding? finding = (thread?.IsMessage, instagram) switch
        {
            (true, false) when text.Length > MessengerMaxLength => GuidelineFinding.Error(FindingCodes.MessengerLength, $"Messenger messages are limited to {MessengerMaxLength} characters; this one has {text.Length}.", ReplyGuidelines.Beyond(text, MessengerMaxLength)),
            (true, true) when bytes > InstagramMessageMaxBytes => GuidelineFinding.Error(FindingCodes.InstagramMessageLength, $"Instagram messages are limited to {InstagramMessageMaxBytes} bytes; this one has {bytes}.", BeyondBytes(text, InstagramMessageMaxBytes)),
            (not true, false) when text.Length > FacebookCommentMaxLength => GuidelineFinding.Error(FindingCodes.FacebookCommentLength, $"Facebook comments are limited to {FacebookCommentMaxLength} characters; this one has {text.Length}.", ReplyGuidelines.Beyond(text, FacebookCommentMaxLength)),
            (not true, true) when text.Length > InstagramCommentMaxLength => GuidelineFinding.Error(FindingCodes.InstagramCommentLength, $"Instagram comments are limited to {InstagramCommentMaxLength} characters; this one has {text.Length}.", ReplyGuidelines.Beyond(text, InstagramCommentMaxLength)),
            _ => null,
        };
        return finding is null ? [] : [finding];
    }

    public GuidelineFinding? WhyNotNow(CustomerPost post, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(post);
        var platform = post.Source == MetaWebhook.Instagram ? "Instagram" : "Messenger";
        if (MetaThread.Parse(post.ThreadId) is not { } thread)
        {
            return null;
        }

        if (!thread.IsMessage)
        {
            return MetaThread.ReplyTarget(ExternalIds(post)) is null
                ? GuidelineFinding.NotNow(FindingCodes.CommentRemoved, $"{NameOf(post)} removed their comment, so there is nothing to reply to in public: send them a message instead.")
                : null;
        }

        var since = now - LastCustomerMessage(post);
        var window = options.Value.HumanAgent ? HumanAgentWindow : StandardWindow;
        return since <= window
            ? null
            : GuidelineFinding.NotNow(FindingCodes.WindowClosed, $"{NameOf(post)} last wrote {PostLabels.Duration(since)} ago: {platform} takes replies only within {(window == StandardWindow ? "24 hours" : "7 days")} of the customer's last message{(options.Value.HumanAgent ? " (with the Human Agent tag)" : "")}. Reply to one of their comments instead, or reach them on another channel.");
    }

    /// <summary>The part of a text past its first <paramref name="maxBytes"/> bytes of UTF-8, never splitting a character.</summary>
    private static ReplySpan BeyondBytes(string text, int maxBytes)
    {
        var bytes = 0;
        var index = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            bytes += rune.Utf8SequenceLength;
            if (bytes > maxBytes)
            {
                break;
            }

            index += rune.Utf16SequenceLength;
        }

        return new ReplySpan(index, text.Length - index);
    }

    /// <summary>Whether a message reply now needs the HUMAN_AGENT tag (outside 24 hours, inside 7 days).</summary>
    public bool NeedsHumanAgentTag(CustomerPost post, DateTimeOffset now) =>
        options.Value.HumanAgent && now - LastCustomerMessage(post) > StandardWindow;

    /// <summary>What to call the customer in a sentence: Messenger gives only a number, which reads as nobody.</summary>
    public static string NameOf(CustomerPost post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return post.Author.DisplayName is null && post.Author.Handle.All(char.IsAsciiDigit) ? "The customer" : post.Author.FirstName;
    }

    public static IEnumerable<string> ExternalIds(CustomerPost post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return post.FollowUps.Select(f => f.ExternalId).Prepend(post.ExternalId);
    }

    private static DateTimeOffset LastCustomerMessage(CustomerPost post) =>
        post.FollowUps.Select(f => f.At).Append(post.ReceivedAt).Max();
}
