using System.Globalization;
using System.Text;

namespace ChatOpsReply.Cards;

/// <summary>
/// Names and handles as people are shown them. A customer chooses their own name, and characters
/// nobody sees (NUL and other controls, zero-width spaces and joiners, bidirectional overrides such
/// as U+202E, which shows "evil\u202Egnp.exe" as "evilexe.png") would let them pass for someone
/// else on a card. Each is shown as a visible code ("[U+202E]") instead; the store keeps what they
/// sent. The one function for every surface: the card model, Slack and Teams text, the console.
/// </summary>
public static class DisplayText
{
    private const int ZeroWidthJoiner = 0x200D;
    private const int VariationSelector16 = 0xFE0F;

    /// <summary>The text with every invisible or direction-changing character shown as its code point.</summary>
    public static string Neutralise(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!NeedsIt(text))
        {
            return text;
        }

        var runes = text.EnumerateRunes().ToList();
        var shown = new StringBuilder(text.Length + 16);
        for (var i = 0; i < runes.Count; i++)
        {
            var rune = runes[i];
            if (IsHidden(rune) && !JoinsEmoji(runes, i))
            {
                shown.Append(CultureInfo.InvariantCulture, $"[U+{rune.Value:X4}]");
            }
            else
            {
                shown.Append(rune.ToString());
            }
        }

        return shown.ToString();
    }

    private static bool NeedsIt(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsHidden(rune))
            {
                return true;
            }
        }

        return false;
    }

    // Controls (Cc: NUL, tabs, line breaks, ESC…), format characters (Cf: zero-width space and joiners,
    // bidi embeddings, overrides and isolates, the BOM, tags) and the line and paragraph separators.
    private static bool IsHidden(Rune rune) => Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    /// <summary>A zero-width joiner inside an emoji sequence (👩‍💻) is part of the picture, not a disguise.</summary>
    private static bool JoinsEmoji(List<Rune> runes, int i) =>
        runes[i].Value == ZeroWidthJoiner && i > 0 && i + 1 < runes.Count
        && (IsPictograph(runes[i - 1]) || runes[i - 1].Value == VariationSelector16) && IsPictograph(runes[i + 1]);

    private static bool IsPictograph(Rune rune) => Rune.GetUnicodeCategory(rune) is UnicodeCategory.OtherSymbol or UnicodeCategory.ModifierSymbol;
}
