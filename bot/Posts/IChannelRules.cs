using ChatOpsReply.Guidelines;

namespace ChatOpsReply.Posts;

/// <summary>
/// A customer platform's own rules for replies, as values the guidelines and the workflow's
/// guards ask for: how long a reply may be as the platform counts it, and whether it may go
/// out now. One per platform, registered only when the platform is connected.
/// </summary>
public interface IChannelRules
{
    /// <summary>Whether these rules are the ones of the given source ("sms", "x", ...).</summary>
    bool AppliesTo(string source);

    /// <summary>The platform's length rules for a reply's (trimmed) text: errors block, warnings are shown; spans are into <paramref name="text"/>.</summary>
    IReadOnlyList<GuidelineFinding> CheckText(CustomerPost post, string text);

    /// <summary>The reply's length as the platform counts it, for a live count beside the box ("2 of 3 SMS segments"); null when it counts characters.</summary>
    string? Measure(CustomerPost post, string text) => null;

    /// <summary>Why the reply may not go out at <paramref name="now"/> (window closed, quiet hours, not allowed), as a send finding, or null.</summary>
    GuidelineFinding? WhyNotNow(CustomerPost post, DateTimeOffset now);
}
