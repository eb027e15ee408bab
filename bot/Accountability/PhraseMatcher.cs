using System.Globalization;
using System.Text;

namespace ChatOpsReply.Accountability;

/// <summary>
/// Finds configured words or phrases in a text on word boundaries, ignoring case and
/// accents: "sue" matches "SUE!" and "Sué" but not "issue"; "class action" matches
/// "Class-Action".
/// </summary>
public sealed class PhraseMatcher
{
    private readonly Dictionary<string, List<string[]>> _byFirstWord = new(StringComparer.Ordinal);
    private readonly Dictionary<string[], string> _original = new(ReferenceEqualityComparer.Instance);

    public PhraseMatcher(IEnumerable<string> phrases)
    {
        ArgumentNullException.ThrowIfNull(phrases);
        foreach (var phrase in phrases)
        {
            var words = Words(phrase);
            if (words.Length == 0)
            {
                continue;
            }

            if (!_byFirstWord.TryGetValue(words[0], out var list))
            {
                _byFirstWord[words[0]] = list = [];
            }

            list.Add(words);
            _original[words] = phrase;
        }
    }

    public bool IsEmpty => _byFirstWord.Count == 0;

    /// <summary>The first configured phrase found in the text, or null.</summary>
    public string? FirstMatch(string text)
    {
        if (IsEmpty)
        {
            return null;
        }

        var words = Words(text);
        for (var i = 0; i < words.Length; i++)
        {
            if (!_byFirstWord.TryGetValue(words[i], out var candidates))
            {
                continue;
            }

            foreach (var phrase in candidates)
            {
                if (StartsAt(words, i, phrase))
                {
                    return _original[phrase];
                }
            }
        }

        return null;
    }

    private static bool StartsAt(string[] words, int start, string[] phrase)
    {
        if (start + phrase.Length > words.Length)
        {
            return false;
        }

        for (var j = 1; j < phrase.Length; j++)
        {
            if (!string.Equals(words[start + j], phrase[j], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Lower-case words with accents removed; anything not a letter or digit separates words.</summary>
    internal static string[] Words(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return [.. words];
    }
}
