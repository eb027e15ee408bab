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

    /// <summary>Whether replies on this source are text messages (opt-in, caps and length rules apply).</summary>
    public bool IsTextMessage(string source) => _texting.Contains(source);

    /// <param name="platformLength">
    /// The platform's own count of the reply's length (SMS segments, X's weighted length), when the
    /// thread's platform is connected; it then stands in for the configured length limits.
    /// </param>
    public GuidelineReport Check(ReplyThread thread, string? reply, GuidelineReport? platformLength = null)
    {
        ArgumentNullException.ThrowIfNull(thread);
        var errors = new List<string>();
        var warnings = new List<string>();
        var text = reply?.Trim() ?? "";
        if (text.Length == 0)
        {
            errors.Add("Write the reply first.");
            return new GuidelineReport(errors, warnings);
        }

        if (Placeholder().Match(text) is { Success: true } placeholder)
        {
            errors.Add($"Fill in {placeholder.Value} before the reply goes out.");
        }

        var words = PhraseMatcher.Words(text);
        if (words.Length < _options.MinimumWords)
        {
            errors.Add($"A reply of {words.Length} word{(words.Length == 1 ? "" : "s")} reads as curt or robotic: write at least {_options.MinimumWords} words, like a person would.");
        }

        if (platformLength is not null)
        {
            errors.AddRange(platformLength.Errors);
            warnings.AddRange(platformLength.Warnings);
        }

        if (platformLength is null && IsTextMessage(thread.Source))
        {
            if (text.Length > _options.TextMessageMaxLength)
            {
                errors.Add($"Keep texts short: this one has {text.Length} characters, the limit is {_options.TextMessageMaxLength}.");
            }
            else if (text.Length > _options.TextMessageSegmentLength)
            {
                var parts = (text.Length + _options.TextMessageSegmentLength - 1) / _options.TextMessageSegmentLength;
                warnings.Add($"This text will arrive as {parts} messages; shorter is better.");
            }
        }

        if (platformLength is null && _options.SourceMaxLength.TryGetValue(thread.Source, out var max) && text.Length > max)
        {
            errors.Add($"Replies on {thread.Source} are limited to {max} characters; this one has {text.Length}.");
        }

        var name = thread.CustomerName;
        if (!words.Contains(PhraseMatcher.Words(name).FirstOrDefault() ?? name, StringComparer.Ordinal))
        {
            warnings.Add($"Use the customer's name ({name}): it reads as a person, not a script.");
        }

        if (_public.Contains(thread.Source) && IsHeated(thread.CustomerTexts) && _private.FirstMatch(text) is null)
        {
            warnings.Add("This thread is heated: offer to continue in private (a direct message, e-mail or a call) instead of arguing on the public page.");
        }

        if (thread.EarlierReplies.Any(r => string.Equals(r.Trim(), text, StringComparison.OrdinalIgnoreCase)))
        {
            warnings.Add("You already sent exactly this reply in this thread.");
        }

        return new GuidelineReport(errors, warnings);
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
