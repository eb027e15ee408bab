using ChatOpsReply.Guidelines;

namespace ChatOpsReply.Posts;

/// <summary>
/// A draft checked as it would go out: the house rules, with its length counted the way the
/// post's platform counts it when that platform is connected (SMS segments, X's weighted length).
/// The workflow's guard and every live check (a Slack modal, the console) ask here, so they agree.
/// </summary>
public sealed class ReplyCheck(ReplyGuidelines guidelines, IEnumerable<IChannelRules> channels)
{
    private readonly IReadOnlyList<IChannelRules> _channels = [.. channels];

    public GuidelineReport Check(CustomerPost post, string? reply)
    {
        ArgumentNullException.ThrowIfNull(post);
        var text = reply?.Trim() ?? "";
        var platformLength = text.Length > 0 ? RulesOf(post.Source)?.CheckText(post, text) : null;
        return guidelines.Check(post.Thread(), reply, platformLength);
    }

    /// <summary>Whether replies on this source are text messages (opt-in and frequency caps apply).</summary>
    public bool IsTextMessage(string source) => guidelines.IsTextMessage(source);

    /// <summary>The connected platform's rules for a source, or null when none is connected.</summary>
    public IChannelRules? RulesOf(string source) => _channels.FirstOrDefault(c => c.AppliesTo(source));
}
