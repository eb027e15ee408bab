using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace ChatOpsReply.Posts;

/// <summary>
/// What a post can be found by: the words of its text and of its customer's handle and name,
/// lower case, accents folded ("José" is "jose"), of two letters or more. The commonest English
/// words ("the", "my", "is") are left out of a text's, as search engines leave them out: nearly every
/// post has them, so they tell no post apart, and they are often close to half of a post's index
/// entries, which each store writes while the post's sender waits (bench: ingest). A customer's
/// words keep them: they are a name or a handle ("@its_me"), not prose. Both stores index these
/// same words and a query matches whole words, so a search finds the same posts on either.
/// </summary>
public static class PostSearchWords
{
    /// <summary>Enough for the first screens of a long e-mail; the index of one post stays small.</summary>
    public const int MaxWordsPerPost = 400;

    private const int MaxWordLength = 40;

    private static readonly FrozenSet<string> Common = FrozenSet.ToFrozenSet(
    [
        "about", "all", "am", "an", "and", "are", "as", "at", "be", "been", "but", "by", "did", "do", "does",
        "for", "from", "had", "has", "have", "he", "her", "his", "if", "in", "is", "it", "its", "me", "my",
        "of", "on", "or", "our", "she", "so", "than", "that", "the", "their", "them", "then", "there", "these",
        "they", "this", "those", "to", "too", "us", "very", "was", "we", "were", "with", "you", "your",
    ], StringComparer.Ordinal);

    /// <summary>The words a text is found by: its words, less the commonest (<see cref="Common"/>).</summary>
    public static IReadOnlyList<string> Of(string? text, int limit = MaxWordsPerPost) => Words(text, limit, keepCommon: false);

    /// <summary>
    /// Every word of a text, the commonest too: a customer's words, and what a store may hold for a
    /// post indexed before the commonest were left out, so that erasing a post's words leaves none behind.
    /// </summary>
    public static IReadOnlyList<string> AllOf(string? text) => Words(text, MaxWordsPerPost, keepCommon: true);

    private static List<string> Words(string? text, int limit, bool keepCommon)
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
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && !Add(word, seen, words, limit, keepCommon))
            {
                return words;
            }
        }

        Add(word, seen, words, limit, keepCommon);
        return words;
    }

    /// <summary>The words of a customer: their handle's and their display name's.</summary>
    public static IReadOnlyList<string> OfCustomer(PostAuthor author)
    {
        ArgumentNullException.ThrowIfNull(author);
        return [.. AllOf(author.Handle).Concat(AllOf(author.DisplayName)).Distinct(StringComparer.Ordinal)];
    }

    private static bool Add(StringBuilder word, HashSet<string> seen, List<string> words, int limit, bool keepCommon)
    {
        if (word.Length >= 2 && word.Length <= MaxWordLength && word.ToString() is var found && (keepCommon || !Common.Contains(found)) && seen.Add(found))
        {
            words.Add(found);
        }

        word.Clear();
        return words.Count < limit;
    }
}
