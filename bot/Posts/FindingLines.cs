using ChatOpsReply.Guidelines;

namespace ChatOpsReply.Posts;

/// <summary>
/// Findings as lines a person reads under a reply (a Slack modal's notes, a Teams card's notice):
/// errors first, each with the words of the reply it is about, a send finding marked as such.
/// </summary>
public static class FindingLines
{
    public const string AllClear = "✓ The reply follows the house rules.";

    public static IReadOnlyList<string> Of(GuidelineReport report, string? reply)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Findings.Count == 0 ? [AllClear] : Of(report.Findings, reply);
    }

    public static IReadOnlyList<string> Of(IReadOnlyList<GuidelineFinding> findings, string? reply)
    {
        ArgumentNullException.ThrowIfNull(findings);
        return [.. findings.Where(f => f.IsError).Concat(findings.Where(f => !f.IsError)).Select(f => Line(f, reply))];
    }

    /// <summary>"✗ Fill in {order.number} before the reply goes out. — “{order.number}”".</summary>
    public static string Line(GuidelineFinding finding, string? reply)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var glyph = finding.IsError ? "✗" : "⚠";
        var when = finding is { IsError: true, Stage: FindingStage.Send } ? "Not sendable now: " : "";
        var words = finding.Words(reply) is { } about ? $" — “{about}”" : "";
        return $"{glyph} {when}{finding.Message}{words}";
    }

    /// <summary>A refused draft in one paragraph: the refusals not about its words, then each error with the words it is about.</summary>
    public static string Refused(CommandResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var errors = result.Findings.Where(f => f.IsError).ToList();
        if (errors.Count == 0)
        {
            return result.Message;
        }

        var draftErrors = string.Join(" ", errors.Select(f => f.Message));
        var words = errors.Select(f => f.Words(result.CheckedReply) is { } about ? $"{f.Message} — “{about}”" : f.Message);
        return string.Join(" ", result.Reasons.Where(r => r != draftErrors).Concat(words));
    }

    /// <summary>
    /// What a person is told after submitting a draft: whether it went through (or the refusals that
    /// are not about its words), then every finding with its words. Null when there is nothing to say.
    /// </summary>
    public static string? AfterDraft(CommandResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Findings.Count == 0)
        {
            return result is { Outcome: CommandOutcome.Applied, Warnings.Count: 0 } ? null : result.Message;
        }

        var draftErrors = string.Join(" ", result.Findings.Where(f => f.IsError).Select(f => f.Message));
        var head = result.Outcome == CommandOutcome.Applied
            ? "Done."
            : string.Join(" ", result.Reasons.Where(r => r != draftErrors).Prepend("The reply was not submitted."));
        return string.Join("\n\n", Of(result.Findings, result.CheckedReply).Prepend(head));
    }
}
