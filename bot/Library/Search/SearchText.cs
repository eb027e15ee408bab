using System.Globalization;
using System.Text;

namespace ChatOpsReply.Library.Search;

/// <summary>
/// How answers and queries are cut into search terms: lower case, accents folded, words of
/// letters and digits (an apostrophe inside a word joins it), common words dropped, and
/// English plurals reduced (the S-stemmer: "deliveries" and "delivery" are one term).
/// </summary>
internal static class SearchText
{
    // Words too common to tell answers apart, in the languages the library is likely to hold.
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "can", "do", "for", "from", "has", "have", "how", "i", "if", "in",
        "is", "it", "its", "me", "my", "no", "not", "of", "on", "or", "our", "so", "that", "the", "their", "this", "to", "us", "was",
        "we", "what", "when", "where", "which", "will", "with", "you", "your", "yours", "am", "been", "did", "does", "he", "she", "they",
        "der", "die", "das", "und", "ist", "ein", "eine", "zu", "den", "mit", "von", "sie", "ich", "es", "nicht",
        "le", "la", "les", "et", "est", "un", "une", "des", "du", "de", "pour", "vous", "nous", "je", "il",
        "el", "los", "las", "y", "es", "en", "por", "para", "con", "su", "lo", "que",
    };

    // Folded forms of characters up to Latin Extended-A (accents removed, ligatures spelled out).
    private static readonly string?[] Folded = BuildFolding();

    /// <summary>The search terms of a text, in order, repeats kept (for term frequencies).</summary>
    public static List<string> Terms(string? text)
    {
        var terms = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return terms;
        }

        var word = new StringBuilder(24);
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if ((c == '\'' || c == '\u2019') && word.Length > 0 && i + 1 < text.Length && char.IsLetter(text[i + 1]))
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                if (c < Folded.Length && Folded[c] is { } folded)
                {
                    word.Append(folded);
                }
                else
                {
                    word.Append(char.ToLowerInvariant(c));
                }

                continue;
            }

            if (word.Length > 1)
            {
                var term = word.ToString();
                if (!StopWords.Contains(term))
                {
                    terms.Add(Stem(term));
                }
            }

            word.Clear();
        }

        return terms;
    }

    /// <summary>Harman's S-stemmer: only plural endings, so nothing surprising happens to other words.</summary>
    public static string Stem(string term)
    {
        if (term.Length <= 3 || char.IsDigit(term[^1]))
        {
            return term;
        }

        if (term.EndsWith("ies", StringComparison.Ordinal) && !term.EndsWith("eies", StringComparison.Ordinal) && !term.EndsWith("aies", StringComparison.Ordinal))
        {
            return term[..^3] + "y";
        }

        if (term.EndsWith("es", StringComparison.Ordinal) && !term.EndsWith("aes", StringComparison.Ordinal) && !term.EndsWith("ees", StringComparison.Ordinal) && !term.EndsWith("oes", StringComparison.Ordinal))
        {
            return term[..^1];
        }

        if (term.EndsWith('s') && !term.EndsWith("us", StringComparison.Ordinal) && !term.EndsWith("ss", StringComparison.Ordinal))
        {
            return term[..^1];
        }

        return term;
    }

    /// <summary>Optimal string alignment distance, stopping early once it exceeds <paramref name="max"/>.</summary>
    public static bool WithinDistance(string a, string b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return false;
        }

        Span<int> previous2 = stackalloc int[b.Length + 1];
        Span<int> previous = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }

                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin > max)
            {
                return false;
            }

            var swap = previous2;
            previous2 = previous;
            previous = current;
            current = swap;
        }

        return previous[b.Length] <= max;
    }

    private static string?[] BuildFolding()
    {
        var folded = new string?[0x180];
        for (var c = 0; c < folded.Length; c++)
        {
            var ch = (char)c;
            if (!char.IsLetterOrDigit(ch))
            {
                continue;
            }

            if (c < 0x80)
            {
                folded[c] = char.ToLowerInvariant(ch).ToString();
                continue;
            }

            var decomposed = ch.ToString().Normalize(NormalizationForm.FormD);
            var kept = new StringBuilder();
            foreach (var part in decomposed)
            {
                if (CharUnicodeInfo.GetUnicodeCategory(part) != UnicodeCategory.NonSpacingMark)
                {
                    kept.Append(char.ToLowerInvariant(part));
                }
            }

            folded[c] = kept.ToString();
        }

        folded['ß'] = "ss";
        folded['æ'] = folded['Æ'] = "ae";
        folded['œ'] = folded['Œ'] = "oe";
        folded['ø'] = folded['Ø'] = "o";
        folded['ł'] = folded['Ł'] = "l";
        folded['đ'] = folded['Đ'] = "d";
        return folded;
    }
}
