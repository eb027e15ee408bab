namespace ChatOpsReply.Guidelines;

// The finding and the small values it is made of, in one file: they are read together.

/// <summary>
/// One thing a check found about a reply: a stable <see cref="Code"/> (see <see cref="FindingCodes"/>)
/// a surface may key on, how much it matters, the sentence a person reads, and the part of the
/// reply it is about, where there is one (offsets into the reply exactly as typed).
/// </summary>
public sealed record GuidelineFinding(string Code, FindingSeverity Severity, string Message)
{
    public ReplySpan? Span { get; init; }

    /// <summary>
    /// Whether the finding is about the reply's words (it blocks submitting the draft when it is an
    /// error) or about whether the reply may go out now (consent, cap, quiet hours, the platform's
    /// window and reply rules: it blocks sending, and a draft can still be prepared).
    /// </summary>
    public FindingStage Stage { get; init; } = FindingStage.Draft;

    /// <summary>An approved library answer that would settle the finding, for a surface to offer.</summary>
    public SuggestedAnswer? Suggestion { get; init; }

    public bool IsError => Severity == FindingSeverity.Error;

    public static GuidelineFinding Error(string code, string message, ReplySpan? span = null) => new(code, FindingSeverity.Error, message) { Span = span };

    public static GuidelineFinding Warning(string code, string message, ReplySpan? span = null) => new(code, FindingSeverity.Warning, message) { Span = span };

    /// <summary>An error about whether the reply may go out now, not about its words.</summary>
    public static GuidelineFinding NotNow(string code, string message) => new(code, FindingSeverity.Error, message) { Stage = FindingStage.Send };

    /// <summary>The same finding with its span moved by <paramref name="offset"/> characters.</summary>
    public GuidelineFinding Shifted(int offset) => Span is { } span && offset != 0 ? this with { Span = span with { Start = span.Start + offset } } : this;

    /// <summary>The words of <paramref name="reply"/> the finding is about, cut to <paramref name="max"/> characters; null when it has no span.</summary>
    public string? Words(string? reply, int max = 40)
    {
        if (Span is not { } span || reply is null || span.Start < 0 || span.Length <= 0 || span.Start + span.Length > reply.Length)
        {
            return null;
        }

        var words = reply.Substring(span.Start, span.Length).ReplaceLineEndings(" ");
        return words.Length <= max ? words : string.Concat(words.AsSpan(0, max - 1), "…");
    }
}

public enum FindingSeverity
{
    /// <summary>Blocks the reply: submitting it (a draft finding) or sending it (a send finding).</summary>
    Error,

    /// <summary>Shown to the person; never blocks.</summary>
    Warning,
}

public enum FindingStage
{
    Draft,
    Send,
}

/// <param name="Start">Index of the first character (UTF-16 code unit) of the reply the finding is about.</param>
/// <param name="Length">How many characters from there.</param>
public readonly record struct ReplySpan(int Start, int Length);

/// <summary>A library answer a finding suggests (the take-it-offline answer for a heated public thread).</summary>
public sealed record SuggestedAnswer(string AnswerId, string Title);
