using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ChatOpsReply.Sources.X;

/// <summary>
/// A post's length as X counts it (twitter-text configuration v3): the text is NFC-normalised,
/// each code point in the ranges X counts as narrow (Latin, Cyrillic, Greek, general
/// punctuation…) weighs 1 and every other 2 (CJK, most symbols), an emoji sequence weighs 2
/// however many code points it has, and a link weighs 23 whatever its length.
/// </summary>
public static partial class XText
{
    // X: maxWeightedTweetLength 280, scale 100, defaultWeight 200, transformedURLLength 23, github.com/twitter/twitter-text config/v3.json
    public const int MaxWeightedLength = 280;
    public const int UrlWeight = 23;

    // X: code points weighing 1 (100 on the scale of 100), same file
    private static readonly (int Start, int End)[] NarrowRanges = [(0, 4351), (8192, 8205), (8208, 8223), (8242, 8247)];

    // X: characters a post may not contain, twitter-text hasInvalidCharacters
    private static readonly System.Buffers.SearchValues<char> Invalid = System.Buffers.SearchValues.Create("\uFFFE\uFEFF\uFFFF");

    /// <summary>
    /// Top-level domains a link without a scheme is recognised by: the country codes and the common
    /// generic ones (twitter-text knows every generic TLD; a rarer one is counted character by character).
    /// </summary>
    private static readonly HashSet<string> Tlds = new(StringComparer.OrdinalIgnoreCase)
    {
        "com", "org", "net", "edu", "gov", "mil", "int", "info", "biz", "name", "pro", "mobi", "travel", "jobs", "aero", "coop", "museum", "app",
        "dev", "shop", "store", "online", "site", "xyz", "blog", "news", "tech", "club", "live", "life", "world", "space", "website", "page",
        "link", "email", "cloud", "digital", "media", "agency", "company",
        "ac", "ad", "ae", "af", "ag", "ai", "al", "am", "ao", "aq", "ar", "as", "at", "au", "aw", "ax", "az", "ba", "bb", "bd", "be", "bf", "bg",
        "bh", "bi", "bj", "bm", "bn", "bo", "br", "bs", "bt", "bw", "by", "bz", "ca", "cc", "cd", "cf", "cg", "ch", "ci", "ck", "cl", "cm", "cn",
        "co", "cr", "cu", "cv", "cw", "cx", "cy", "cz", "de", "dj", "dk", "dm", "do", "dz", "ec", "ee", "eg", "er", "es", "et", "eu", "fi", "fj",
        "fk", "fm", "fo", "fr", "ga", "gb", "gd", "ge", "gf", "gg", "gh", "gi", "gl", "gm", "gn", "gp", "gq", "gr", "gs", "gt", "gu", "gw", "gy",
        "hk", "hm", "hn", "hr", "ht", "hu", "id", "ie", "il", "im", "in", "io", "iq", "ir", "is", "it", "je", "jm", "jo", "jp", "ke", "kg", "kh",
        "ki", "km", "kn", "kp", "kr", "kw", "ky", "kz", "la", "lb", "lc", "li", "lk", "lr", "ls", "lt", "lu", "lv", "ly", "ma", "mc", "md", "me",
        "mg", "mh", "mk", "ml", "mm", "mn", "mo", "mp", "mq", "mr", "ms", "mt", "mu", "mv", "mw", "mx", "my", "mz", "na", "nc", "ne", "nf", "ng",
        "ni", "nl", "no", "np", "nr", "nu", "nz", "om", "pa", "pe", "pf", "pg", "ph", "pk", "pl", "pm", "pn", "pr", "ps", "pt", "pw", "py", "qa",
        "re", "ro", "rs", "ru", "rw", "sa", "sb", "sc", "sd", "se", "sg", "sh", "si", "sk", "sl", "sm", "sn", "so", "sr", "ss", "st", "su", "sv",
        "sx", "sy", "sz", "tc", "td", "tf", "tg", "th", "tj", "tk", "tl", "tm", "tn", "to", "tr", "tt", "tv", "tw", "tz", "ua", "ug", "uk", "us",
        "uy", "uz", "va", "vc", "ve", "vg", "vi", "vn", "vu", "wf", "ws", "ye", "yt", "za", "zm", "zw",
    };

    public static int WeightedLength(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Pieces(Normalized(text)).Sum(p => p.Weight);
    }

    /// <summary>
    /// Where the part of the text past <paramref name="max"/> as X counts it starts, or null when it
    /// fits (or when normalising moved the characters, so no index in the text would be right).
    /// </summary>
    public static int? Overflow(string text, int max = MaxWeightedLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.IsNormalized(NormalizationForm.FormC))
        {
            return null;
        }

        var weight = 0;
        foreach (var (index, piece) in Pieces(text))
        {
            weight += piece;
            if (weight > max)
            {
                return index;
            }
        }

        return null;
    }

    /// <summary>Where the first character X refuses in a post is, or null.</summary>
    public static int? InvalidCharacterAt(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var index = text.AsSpan().IndexOfAny(Invalid);
        return index < 0 ? null : index;
    }

    private static string Normalized(string text) => text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);

    /// <summary>The normalised text in the pieces X weighs: each link, emoji sequence or code point, with where it starts.</summary>
    private static IEnumerable<(int Index, int Weight)> Pieces(string normalized)
    {
        var links = Links(normalized);
        var index = 0;
        while (index < normalized.Length)
        {
            if (links.TryGetValue(index, out var linkLength))
            {
                yield return (index, UrlWeight);
                index += linkLength;
                continue;
            }

            var element = StringInfo.GetNextTextElementLength(normalized, index);
            if (IsEmoji(normalized.AsSpan(index, element)))
            {
                yield return (index, 2);
                index += element;
                continue;
            }

            // A lone surrogate reads as one code unit; X weighs it like any wide character.
            var status = Rune.DecodeFromUtf16(normalized.AsSpan(index), out var rune, out var consumed);
            yield return (index, status == System.Buffers.OperationStatus.Done && IsNarrow(rune.Value) ? 1 : 2);
            index += Math.Max(consumed, 1);
        }
    }

    private static bool IsNarrow(int codePoint) => NarrowRanges.Any(r => codePoint >= r.Start && codePoint <= r.End);

    /// <summary>
    /// An emoji presentation: a variation selector 16 or a keycap, or a pictograph from the planes
    /// emoji live in (flags, skin tones and ZWJ families included), counted once as a sequence.
    /// </summary>
    private static bool IsEmoji(ReadOnlySpan<char> element)
    {
        foreach (var rune in element.EnumerateRunes())
        {
            if (rune.Value is 0xFE0F or 0x20E3 || rune.Value >= 0x1F000 && rune.Value <= 0x1FAFF)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Where each link starts and how long it is, in the normalised text.</summary>
    private static Dictionary<int, int> Links(string text)
    {
        var links = new Dictionary<int, int>();
        foreach (Match match in Link().Matches(text))
        {
            var hasScheme = match.Groups["scheme"].Success;
            var tld = match.Groups["tld"].Value;
            if (!hasScheme && !Tlds.Contains(tld))
            {
                continue;
            }

            // A link ends before trailing punctuation, as in "see example.com/help."
            var value = match.Value.TrimEnd('.', ',', ':', ';', '!', '?', '\'', '"', ')', ']');
            links[match.Index] = value.Length;
        }

        return links;
    }

    // X: links with or without a scheme, an ASCII domain, an optional port and path, twitter-text extractUrlsWithIndices
    [GeneratedRegex(@"(?<![\w@#$.\-/])(?<scheme>https?://)?(?:[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?\.)+(?<tld>[a-z]{2,24})(?![\w\-@])(?::\d{1,5})?(?:/[^\s]*)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Link();
}
