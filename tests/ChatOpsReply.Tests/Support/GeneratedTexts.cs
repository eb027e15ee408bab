using System.Text;

namespace ChatOpsReply.Tests.Support;

/// <summary>
/// Texts to count length on, the same set every run: plain and accented Latin, the GSM extension
/// characters, emoji (with skin tones and flags), CJK, line breaks and URLs, at lengths around
/// the segment and post limits, for comparing our counting with the platforms' reference packages.
/// </summary>
public static class GeneratedTexts
{
    private static readonly string[] Plain = ["a", "b", "Z", " ", "7", ".", ",", "!", "?", "@", "£", "$", "_", "\n"];
    private static readonly string[] Gsm = ["€", "[", "]", "{", "}", "^", "~", "|", "\\", "é", "è", "à", "ñ", "ü", "Ä", "Ç", "Δ", "\r\n"];
    private static readonly string[] Wide = ["ç", "ê", "ő", "😀", "👍🏽", "🇫🇷", "❤️", "漢", "字", "テ", "한", "ß", "«", "»", "’", "—", "…", "✓"];
    private static readonly string[] Urls = ["https://example.com/track?id=42", "http://shop.example.org/a/b", "www.example.net", "example.com/help"];

    public static IReadOnlyList<string> Build(int count, bool withUrls, int seed = 20261123)
    {
        var random = new Random(seed);
        var texts = new List<string> { "", "hello", new('a', 160), new('a', 161), new('a', 306), new('a', 307), new('€', 80), new('€', 81), string.Concat(Enumerable.Repeat("😀", 35)), string.Concat(Enumerable.Repeat("😀", 36)), "a" + string.Concat(Enumerable.Repeat("😀", 34)) };
        for (var i = 0; i < count; i++)
        {
            // Lengths cluster around the limits (one, two, three segments; 280 weighted).
            var length = random.Next(4) switch
            {
                0 => random.Next(1, 80),
                1 => random.Next(60, 180),
                2 => random.Next(140, 320),
                _ => random.Next(280, 480),
            };
            var pools = random.Next(3) switch
            {
                0 => new[] { Plain },
                1 => [Plain, Gsm],
                _ => [Plain, Gsm, Wide],
            };
            var text = new StringBuilder();
            while (text.Length < length)
            {
                if (withUrls && random.Next(40) == 0)
                {
                    text.Append(' ').Append(Urls[random.Next(Urls.Length)]).Append(' ');
                    continue;
                }

                var pool = pools[random.Next(pools.Length)];
                text.Append(pool[random.Next(pool.Length)]);
            }

            texts.Add(text.ToString());
        }

        return texts;
    }
}
