using System.Globalization;
using System.Text;

namespace ChatOpsReply.Crises;

/// <summary>
/// The salient terms of a post, the topics it is counted under: its lower-cased words less stop
/// words, and the pairs of such words side by side ("app down"), a few a post. They come from
/// what customers write, so a new product name or a new failure shows up without configuration.
/// </summary>
public static class TopicTerms
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "because", "been", "before",
        "but", "by", "can", "cannot", "could", "did", "do", "does", "doing", "done", "dont", "for", "from", "get", "got", "had", "has",
        "have", "having", "he", "her", "here", "hi", "hello", "him", "his", "how", "i", "im", "if", "in", "into", "is", "it", "its",
        "ive", "just", "me", "more", "my", "no", "not", "now", "of", "on", "one", "or", "our", "out", "please", "so", "some", "still",
        "than", "thanks", "that", "the", "their", "them", "then", "there", "these", "they", "this", "to", "today", "too", "up", "us",
        "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "why", "will", "with", "would", "yet", "you",
        "your", "yours", "been", "being", "over", "only", "own", "same", "should", "such", "each", "few", "other", "off", "via",
    };

    /// <summary>Up to <paramref name="max"/> terms, in the order they appear: the words first, then the pairs.</summary>
    public static IReadOnlyList<string> Of(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = Words(text);
        var terms = new List<string>(max);
        foreach (var word in words.Where(w => w is not null).Distinct(StringComparer.Ordinal))
        {
            if (terms.Count >= (max + 1) / 2)
            {
                break;
            }

            terms.Add(word!);
        }

        for (var i = 1; i < words.Count && terms.Count < max; i++)
        {
            if (words[i - 1] is { } first && words[i] is { } second && first != second)
            {
                var pair = $"{first} {second}";
                if (!terms.Contains(pair))
                {
                    terms.Add(pair);
                }
            }
        }

        // Too few pairs: the rest of the words.
        foreach (var word in words.OfType<string>().Distinct(StringComparer.Ordinal))
        {
            if (terms.Count >= max)
            {
                break;
            }

            if (!terms.Contains(word))
            {
                terms.Add(word);
            }
        }

        return terms;
    }

    /// <summary>The salient words of a text, each once: what a post shares with a topic's terms (<see cref="Spike.WordsOf"/>).</summary>
    public static IReadOnlyList<string> WordsOf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. Words(text).OfType<string>().Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The salient words in order, with a null where punctuation, a link or a mention breaks the phrase (no pair
    /// spans it). Stop words, numbers and short words are left out, so "app is down" pairs "app down".
    /// </summary>
    private static List<string?> Words(string text)
    {
        var words = new List<string?>();
        var word = new StringBuilder();
        foreach (var token in text.Split((char[])[' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (token.StartsWith('@') || token.StartsWith('#') || token.Contains("://", StringComparison.Ordinal))
            {
                words.Add(null);
                continue;
            }

            foreach (var c in token.Normalize(NormalizationForm.FormKC))
            {
                if (char.IsLetterOrDigit(c))
                {
                    word.Append(char.ToLowerInvariant(c));
                }
                else if (c is '\'' or '\u2019')
                {
                    // "don't" is "dont", a stop word; "Ana's" is "anas".
                    continue;
                }
                else
                {
                    AddSalient(words, word);
                    words.Add(null);
                }
            }

            AddSalient(words, word);
        }

        return words;
    }

    private static void AddSalient(List<string?> words, StringBuilder word)
    {
        if (word.Length == 0)
        {
            return;
        }

        var text = word.ToString();
        word.Clear();
        if (text.Length >= 3 && !StopWords.Contains(text) && !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            words.Add(text);
        }
    }
}
