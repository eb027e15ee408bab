using System.Globalization;
using System.Text;

namespace ChatOpsReply.Posts;

/// <summary>
/// What a post can be found by: the words of its text and of its customer's handle and name,
/// lower case, accents folded ("José" is "jose"), of two letters or more. Both stores index these
/// same words and a query matches whole words, so a search finds the same posts on either.
/// </summary>
public static class PostSearchWords
{
    /// <summary>Enough for the first screens of a long e-mail; the index of one post stays small.</summary>
    public const int MaxWordsPerPost = 400;

    private const int MaxWordLength = 40;

    public static IReadOnlyList<string> Of(string? text, int limit = MaxWordsPerPost)
    {
        var words = new List<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return words;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var word = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && !Add(word, seen, words, limit))
            {
                return words;
            }
        }

        Add(word, seen, words, limit);
        return words;
    }

    /// <summary>The words of a customer: their handle's and their display name's.</summary>
    public static IReadOnlyList<string> OfCustomer(PostAuthor author)
    {
        ArgumentNullException.ThrowIfNull(author);
        return [.. Of(author.Handle).Concat(Of(author.DisplayName)).Distinct(StringComparer.Ordinal)];
    }

    private static bool Add(StringBuilder word, HashSet<string> seen, List<string> words, int limit)
    {
        if (word.Length >= 2 && word.Length <= MaxWordLength && seen.Add(word.ToString()))
        {
            words.Add(word.ToString());
        }

        word.Clear();
        return words.Count < limit;
    }
}
