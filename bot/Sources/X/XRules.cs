using ChatOpsReply.Guidelines;
using ChatOpsReply.Posts;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Sources.X;

/// <summary>
/// X's rules for a reply, as values: a public reply's weighted length (280, links 23, CJK and
/// emoji 2), a direct message's 10,000 characters, and, on the tiers that have it, public replies
/// only to posts that mention or quote our account.
/// </summary>
public sealed class XRules(IOptions<XOptions> options) : IChannelRules
{
    // X: a direct message's text is at most 10,000 characters, docs.x.com/x-api/direct-messages/manage/introduction
    public const int MessageMaxLength = 10_000;

    public bool AppliesTo(string source) => string.Equals(source, XWebhook.Source, StringComparison.OrdinalIgnoreCase);

    public string Measure(CustomerPost post, string text)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(text);
        return IsMessage(post) ? $"{text.Length} of {MessageMaxLength:N0} characters (direct message)" : $"{XText.WeightedLength(text)} of {XText.MaxWeightedLength} as X counts (links 23, emoji 2)";
    }

    public IReadOnlyList<GuidelineFinding> CheckText(CustomerPost post, string text)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(text);
        if (IsMessage(post))
        {
            return text.Length > MessageMaxLength
                ? [GuidelineFinding.Error(FindingCodes.XMessageLength, $"Direct messages on X are limited to {MessageMaxLength} characters; this one has {text.Length}.", ReplyGuidelines.Beyond(text, MessageMaxLength))]
                : [];
        }

        var findings = new List<GuidelineFinding>();
        var weighted = XText.WeightedLength(text);
        if (weighted > XText.MaxWeightedLength)
        {
            var overflow = XText.Overflow(text) is { } at ? new ReplySpan(at, text.Length - at) : (ReplySpan?)null;
            findings.Add(GuidelineFinding.Error(FindingCodes.XLength, $"Posts on X are limited to {XText.MaxWeightedLength} characters as X counts them (links 23, emoji and CJK characters 2 each); this one counts {weighted}.", overflow));
        }

        if (XText.InvalidCharacterAt(text) is { } invalid)
        {
            findings.Add(GuidelineFinding.Error(FindingCodes.XInvalidCharacter, "The reply has a character X does not accept in a post (U+FFFE, U+FEFF or U+FFFF): remove it.", new ReplySpan(invalid, 1)));
        }

        return findings;
    }

    // X: since February 2026, programmatic replies on most tiers need the author to have mentioned or quoted the replying account, docs.x.com/x-api/posts/manage-tweets/introduction
    public GuidelineFinding? WhyNotNow(CustomerPost post, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(post);
        if (IsMessage(post) || options.Value.ReplyRule == XReplyRule.Any || ReplyTarget(post) is not { Mentioned: false })
        {
            return null;
        }

        return GuidelineFinding.NotNow(FindingCodes.PublicReplyNotAllowed, $"{post.Author.FirstName}'s post does not mention or quote our account, and X accepts public replies through the API only to posts that do. Answer {Cards.DisplayText.Neutralise(post.Author.Handle)} by direct message instead.");
    }

    public static bool IsMessage(CustomerPost post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return post.ThreadId?.StartsWith(XWebhook.MessagesPrefix, StringComparison.Ordinal) == true;
    }

    /// <summary>The customer's newest post in the thread: the one a public reply answers.</summary>
    public static (string Id, bool Mentioned)? ReplyTarget(CustomerPost post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return post.FollowUps.Select(f => f.ExternalId).Prepend(post.ExternalId).Select(XWebhook.TweetOf).LastOrDefault(t => t is not null);
    }
}
