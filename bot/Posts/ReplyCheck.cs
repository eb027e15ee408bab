using ChatOpsReply.Guidelines;

namespace ChatOpsReply.Posts;

/// <summary>
/// A draft checked as it would go out: the house rules, with its length counted the way the
/// post's platform counts it when that platform is connected (SMS segments, X's weighted length),
/// and, given the facts of the moment, whether it may go out now (opt-in, the texting cap, quiet
/// hours, the platform's window and reply rules). The workflow's guards and every live check (a
/// Slack modal, a Teams card, the console) ask here, so they agree word for word.
/// </summary>
public sealed class ReplyCheck(ReplyGuidelines guidelines, IEnumerable<IChannelRules> channels, IAnswerSuggestions? answers = null)
{
    private readonly IReadOnlyList<IChannelRules> _channels = [.. channels];

    /// <summary>The reply's words: errors here block submitting it. A heated public thread's warning names the library's take-it-offline answer, when there is one.</summary>
    public GuidelineReport Check(CustomerPost post, string? reply)
    {
        ArgumentNullException.ThrowIfNull(post);
        var text = reply?.Trim() ?? "";
        var platformLength = text.Length > 0 ? RulesOf(post.Source)?.CheckText(post, text) : null;
        var report = guidelines.Check(post.Thread(), reply, platformLength);
        if (answers is null || !report.Findings.Any(f => f.Code == FindingCodes.HeatedThread) || answers.TakeOffline(post) is not { } offline)
        {
            return report;
        }

        return new GuidelineReport([.. report.Findings.Select(f => f.Code == FindingCodes.HeatedThread
            ? f with { Message = $"{f.Message} The approved answer \"{offline.Title}\" does that.", Suggestion = offline }
            : f)]);
    }

    /// <summary>The reply's words and, from the facts loaded for sending, whether it may go out now.</summary>
    public GuidelineReport Check(CustomerPost post, string? reply, WorkflowFacts facts) => Check(post, reply).With(WhyNotNow(post, facts));

    /// <summary>Why the reply may not go out now, as send findings: no opt-in, the cap, the platform's own rules.</summary>
    public IReadOnlyList<GuidelineFinding> WhyNotNow(CustomerPost post, WorkflowFacts facts)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(facts);
        return [.. new[] { ConsentFinding(post, facts.Consent), CapFinding(post, facts.RecentTexts), facts.ChannelRefusal }.OfType<GuidelineFinding>()];
    }

    /// <summary>Texts go only to customers who opted in; null when this one may be texted.</summary>
    public GuidelineFinding? ConsentFinding(CustomerPost post, ConsentRecord? consent)
    {
        ArgumentNullException.ThrowIfNull(post);
        return guidelines.CheckConsent(post.Thread(), consent);
    }

    /// <summary>Texts stay within the frequency cap; null while <paramref name="recentTexts"/> leaves room for one more.</summary>
    public GuidelineFinding? CapFinding(CustomerPost post, int recentTexts)
    {
        ArgumentNullException.ThrowIfNull(post);
        var options = guidelines.Options;
        return !IsTextMessage(post.Source) || recentTexts < options.MaxTextsPerCustomer
            ? null
            : GuidelineFinding.NotNow(FindingCodes.TextCap, $"{post.Author.FirstName} has had {recentTexts} texts in the last {PostLabels.Duration(options.TextWindow)}; the limit is {options.MaxTextsPerCustomer}.");
    }

    /// <summary>Whether replies on this source are text messages (opt-in and frequency caps apply).</summary>
    public bool IsTextMessage(string source) => guidelines.IsTextMessage(source);

    /// <summary>The connected platform's rules for a source, or null when none is connected.</summary>
    public IChannelRules? RulesOf(string source) => _channels.FirstOrDefault(c => c.AppliesTo(source));
}
