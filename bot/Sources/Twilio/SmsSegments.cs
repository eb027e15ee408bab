using System.Globalization;

namespace ChatOpsReply.Sources.Twilio;

/// <summary>How an SMS body is encoded and how many segments carriers split it into.</summary>
public sealed record SmsCount(SmsEncoding Encoding, int Segments, int Characters);

/// <summary>
/// Counts SMS segments as carriers do. A text is GSM-7 when every character is in the GSM 03.38
/// alphabet (the extension table's characters take two septets), else UCS-2, where a character
/// outside the Basic Multilingual Plane takes two 16-bit units. One segment holds 140 octets;
/// a text of several carries a 6-octet header in each, and no character is split between two.
/// </summary>
public static class SmsSegments
{
    // Twilio: 160 GSM-7 / 70 UCS-2 in one segment, 153 / 67 per segment of a longer text, twilio.com/docs/glossary/what-sms-character-limit
    private const int SegmentBits = 140 * 8;
    private const int HeaderBits = 6 * 8;

    // GSM 03.38 basic character set, in table order (the escape, 0x1B, left out), 3GPP TS 23.038 section 6.2.1
    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    // GSM 03.38 extension table: each is sent as the escape plus one septet, 3GPP TS 23.038 section 6.2.1.1
    private const string Extension = "\f^{}\\[~]|€";

    public static SmsCount Count(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var characters = Characters(text);
        var (gsm, sizes) = Sizes(characters);
        var total = sizes.Sum();
        var units = gsm ? total / 7 : characters.Count;
        var encoding = gsm ? SmsEncoding.Gsm7 : SmsEncoding.Ucs2;
        if (total <= SegmentBits)
        {
            return new SmsCount(encoding, 1, units);
        }

        // Several segments: fill each up to the room the header leaves, moving a character that does not fit to the next.
        var segments = 1;
        var used = 0;
        foreach (var size in sizes)
        {
            if (used + size > SegmentBits - HeaderBits)
            {
                segments++;
                used = 0;
            }

            used += size;
        }

        return new SmsCount(encoding, segments, units);
    }

    /// <summary>Where in the text the first character that does not fit in <paramref name="maxSegments"/> segments starts, or null when all of it fits.</summary>
    public static int? Overflow(string text, int maxSegments)
    {
        ArgumentNullException.ThrowIfNull(text);
        var characters = Characters(text);
        var (_, sizes) = Sizes(characters);
        if (sizes.Sum() <= SegmentBits)
        {
            return null;
        }

        // One segment holds the whole 140 octets; each of several gives 6 of them to the header.
        var room = maxSegments <= 1 ? SegmentBits : SegmentBits - HeaderBits;
        var segments = 1;
        var used = 0;
        for (var i = 0; i < sizes.Count; i++)
        {
            if (used + sizes[i] > room)
            {
                if (++segments > maxSegments)
                {
                    return characters[i].Start;
                }

                used = 0;
            }

            used += sizes[i];
        }

        return null;
    }

    /// <summary>Whether the text is GSM-7, and each character's size in bits.</summary>
    private static (bool Gsm, List<int> Sizes) Sizes(List<(int Start, string Text)> characters)
    {
        var gsm = characters.All(c => c.Text.Length == 1 && (Basic.Contains(c.Text[0], StringComparison.Ordinal) || Extension.Contains(c.Text[0], StringComparison.Ordinal)));
        return (gsm, [.. characters.Select(c => gsm ? 7 * (Extension.Contains(c.Text[0], StringComparison.Ordinal) ? 2 : 1) : 16 * c.Text.Length)]);
    }

    /// <summary>User-perceived characters with where each starts, never split between segments; CR LF counts as two.</summary>
    private static List<(int Start, string Text)> Characters(string text)
    {
        var characters = new List<(int, string)>(text.Length);
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            var start = elements.ElementIndex;
            if (element == "\r\n")
            {
                characters.Add((start, "\r"));
                characters.Add((start + 1, "\n"));
            }
            else
            {
                characters.Add((start, element));
            }
        }

        return characters;
    }
}
