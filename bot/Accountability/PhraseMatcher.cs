using System.Buffers;
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
        ArgumentNullException.ThrowIfNull(text);
        if (IsEmpty)
        {
            return null;
        }

        // Matched on spans of one pooled buffer: this runs for every post (routing, sensitivity) and every
        // customer text the figures look at, so no string is made per word.
        var decomposed = Decomposed(text);
        var chars = ArrayPool<char>.Shared.Rent(decomposed.Length);
        var bounds = ArrayPool<Range>.Shared.Rent((decomposed.Length / 2) + 1);
        try
        {
            var count = Tokenize(decomposed, chars, bounds);
            var lookup = _byFirstWord.GetAlternateLookup<ReadOnlySpan<char>>();
            for (var i = 0; i < count; i++)
            {
                if (!lookup.TryGetValue(chars.AsSpan(bounds[i]), out var candidates))
                {
                    continue;
                }

                foreach (var phrase in candidates)
                {
                    if (StartsAt(chars, bounds, count, i, phrase))
                    {
                        return _original[phrase];
                    }
                }
            }

            return null;
        }
        finally
        {
            ArrayPool<Range>.Shared.Return(bounds);
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private static bool StartsAt(char[] chars, Range[] bounds, int count, int start, string[] phrase)
    {
        if (start + phrase.Length > count)
        {
            return false;
        }

        for (var j = 1; j < phrase.Length; j++)
        {
            if (!chars.AsSpan(bounds[start + j]).SequenceEqual(phrase[j]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Lower-case words with accents removed; anything not a letter or digit separates words.</summary>
    internal static string[] Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decomposed = Decomposed(text);
        var chars = new char[decomposed.Length];
        var bounds = new Range[(decomposed.Length / 2) + 1];
        var count = Tokenize(decomposed, chars, bounds);
        var words = new string[count];
        for (var i = 0; i < count; i++)
        {
            words[i] = new string(chars.AsSpan(bounds[i]));
        }

        return words;
    }

    // Plain ASCII has nothing to decompose; Normalize would only confirm that, after a scan of its own.
    private static string Decomposed(string text) => Ascii.IsValid(text) ? text : text.Normalize(NormalizationForm.FormD);

    /// <summary>
    /// Writes the lower-cased letters and digits of <paramref name="decomposed"/> into <paramref name="chars"/>,
    /// dropping combining marks, and where each word lies into <paramref name="bounds"/>; returns how many words.
    /// </summary>
    private static int Tokenize(string decomposed, char[] chars, Range[] bounds)
    {
        int length = 0, count = 0, wordStart = 0;
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                chars[length++] = char.ToLowerInvariant(c);
            }
            else if (length > wordStart)
            {
                bounds[count++] = wordStart..length;
                wordStart = length;
            }
        }

        if (length > wordStart)
        {
            bounds[count++] = wordStart..length;
        }

        return count;
    }
}
