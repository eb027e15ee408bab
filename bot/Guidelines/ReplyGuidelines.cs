using System.Text.RegularExpressions;
using ChatOpsReply.Accountability;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Guidelines;

/// <summary>
/// The house rules for talking to customers, checked on every draft: be a real person
/// (no one-word replies, use their name), keep texts short, respect each source's limits,
/// never let placeholder syntax reach a customer, and take heated threads private.
/// </summary>
public sealed partial class ReplyGuidelines
{
    private readonly GuidelineOptions _options;
    private readonly PhraseMatcher _heated;
    private readonly PhraseMatcher _private;
    private readonly HashSet<string> _texting;
    private readonly HashSet<string> _public;

    public ReplyGuidelines(IOptions<GuidelineOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _heated = new PhraseMatcher(_options.HeatedPhrases ?? GuidelineOptions.DefaultHeatedPhrases);
        _private = new PhraseMatcher(_options.PrivateChannelPhrases ?? GuidelineOptions.DefaultPrivateChannelPhrases);
        _texting = new HashSet<string>(_options.TextMessageSources ?? GuidelineOptions.DefaultTextMessageSources, StringComparer.OrdinalIgnoreCase);
        _public = new HashSet<string>(_options.PublicSources ?? GuidelineOptions.DefaultPublicSources, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The house rules' settings (the texting cap and its window, among others).</summary>
    public GuidelineOptions Options => _options;

    /// <summary>Whether replies on this source are text messages (opt-in, caps and length rules apply).</summary>
    public bool IsTextMessage(string source) => _texting.Contains(source);

    /// <param name="platformLength">
    /// The platform's own findings about the reply's length (SMS segments, X's weighted length), when
    /// the thread's platform is connected, with spans into the trimmed reply; they then stand in for
    /// the configured length limits.
    /// </param>
    /// <returns>Findings with spans into <paramref name="reply"/> as given, untrimmed.</returns>
    public GuidelineReport Check(ReplyThread thread, string? reply, IReadOnlyList<GuidelineFinding>? platformLength = null)
    {
        ArgumentNullException.ThrowIfNull(thread);
        var findings = new List<GuidelineFinding>();
        var text = reply?.Trim() ?? "";
        if (text.Length == 0)
        {
            return new GuidelineReport([GuidelineFinding.Error(FindingCodes.Empty, "Write the reply first.")]);
        }

        var all = new ReplySpan(0, text.Length);
        if (Placeholder().Match(text) is { Success: true } placeholder)
        {
            findings.Add(GuidelineFinding.Error(FindingCodes.Placeholder, $"Fill in {placeholder.Value} before the reply goes out.", new ReplySpan(placeholder.Index, placeholder.Length)));
        }

        var words = PhraseMatcher.Words(text);
        if (words.Length < _options.MinimumWords)
        {
            findings.Add(GuidelineFinding.Error(FindingCodes.TooFewWords, $"A reply of {words.Length} word{(words.Length == 1 ? "" : "s")} reads as curt or robotic: write at least {_options.MinimumWords} words, like a person would.", all));
        }

        if (platformLength is not null)
        {
            findings.AddRange(platformLength);
        }

        if (platformLength is null && IsTextMessage(thread.Source))
        {
            if (text.Length > _options.TextMessageMaxLength)
            {
                findings.Add(GuidelineFinding.Error(FindingCodes.TooLong, $"Keep texts short: this one has {text.Length} characters, the limit is {_options.TextMessageMaxLength}.", Beyond(text, _options.TextMessageMaxLength)));
            }
            else if (text.Length > _options.TextMessageSegmentLength)
            {
                var parts = (text.Length + _options.TextMessageSegmentLength - 1) / _options.TextMessageSegmentLength;
                findings.Add(GuidelineFinding.Warning(FindingCodes.SeveralTexts, $"This text will arrive as {parts} messages; shorter is better."));
            }
        }

        if (platformLength is null && _options.SourceMaxLength.TryGetValue(thread.Source, out var max) && text.Length > max)
        {
            findings.Add(GuidelineFinding.Error(FindingCodes.TooLong, $"Replies on {thread.Source} are limited to {max} characters; this one has {text.Length}.", Beyond(text, max)));
        }

        var name = thread.CustomerName;
        if (!words.Contains(PhraseMatcher.Words(name).FirstOrDefault() ?? name, StringComparer.Ordinal))
        {
            findings.Add(GuidelineFinding.Warning(FindingCodes.CustomerName, $"Use the customer's name ({name}): it reads as a person, not a script."));
        }

        if (_public.Contains(thread.Source) && IsHeated(thread.CustomerTexts) && _private.FirstMatch(text) is null)
        {
            findings.Add(GuidelineFinding.Warning(FindingCodes.HeatedThread, "This thread is heated: offer to continue in private (a direct message, e-mail or a call) instead of arguing on the public page."));
        }

        if (thread.EarlierReplies.Any(r => string.Equals(r.Trim(), text, StringComparison.OrdinalIgnoreCase)))
        {
            findings.Add(GuidelineFinding.Warning(FindingCodes.RepeatedReply, "You already sent exactly this reply in this thread.", all));
        }

        // Spans were found in the trimmed text; the person typed the reply with its leading spaces.
        var lead = reply!.Length - reply.TrimStart().Length;
        return new GuidelineReport([.. findings.Select(f => f.Shifted(lead))]);
    }

    /// <summary>Texts go only to customers who opted in: null when this one may be texted (or the source is no texting one).</summary>
    public GuidelineFinding? CheckConsent(ReplyThread thread, ConsentRecord? consent)
    {
        ArgumentNullException.ThrowIfNull(thread);
        if (!IsTextMessage(thread.Source) || consent is { OptedIn: true })
        {
            return null;
        }

        return GuidelineFinding.NotNow(consent is null ? FindingCodes.NoOptIn : FindingCodes.OptedOut, $"{thread.CustomerName} has not opted in to text messages: reply another way.");
    }

    /// <summary>The part of a text past its first <paramref name="max"/> characters.</summary>
    public static ReplySpan Beyond(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new ReplySpan(max, Math.Max(0, text.Length - max));
    }

    /// <summary>A thread is heated when the customer keeps writing (three messages or more), shouts, or uses angry words.</summary>
    /// <param name="customerTexts">What the customer wrote, first message first.</param>
    public bool IsHeated(IReadOnlyList<string> customerTexts)
    {
        ArgumentNullException.ThrowIfNull(customerTexts);
        if (customerTexts.Count >= 3)
        {
            return true;
        }

        return customerTexts.Any(t => _heated.FirstMatch(t) is not null || t.Contains("!!!", StringComparison.Ordinal) || IsShouting(t));
    }

    private static bool IsShouting(string text)
    {
        var letters = text.Count(char.IsLetter);
        return letters >= 12 && text.Count(char.IsUpper) >= letters * 0.7;
    }

    [GeneratedRegex(@"\{[A-Za-z_][A-Za-z0-9_.]*\}")]
    private static partial Regex Placeholder();
}
