using System.Text;

namespace ChatOpsReply.Cards;

/// <summary>
/// Makes text inert in places where Teams reads markdown (TextBlock, FactSet, message text).
/// Customer words go into TextRuns, which Teams never reads as markdown; this covers the
/// rest, where names and comments people typed could otherwise become links or emphasis.
/// </summary>
public static class AdaptiveCardMarkdown
{
    // Adaptive Cards: TextBlock markdown is bold, italic, lists and links, adaptivecards.io/explorer/TextBlock.html;
    // CommonMark backslash escapes turn each of these characters back into itself.
    private const string Special = "\\`*_{}[]()<>#+!|~";

    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escaped = new StringBuilder(text.Length + 8);
        var lineStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (Special.Contains(c, StringComparison.Ordinal))
            {
                escaped.Append('\\');
            }
            else if (lineStart && c == '-')
            {
                // "- item" at the start of a line would become a list.
                escaped.Append('\\');
            }
            else if (c == '.' && i > 0 && char.IsAsciiDigit(text[i - 1]) && (i + 1 == text.Length || text[i + 1] is ' ' or '\t') && StartsNumberedLine(text, i))
            {
                // "1. item" at the start of a line would become a numbered list.
                escaped.Append('\\');
            }

            escaped.Append(c);
            lineStart = c == '\n' || (lineStart && c is ' ' or '\t');
        }

        return escaped.ToString();
    }

    private static bool StartsNumberedLine(string text, int dot)
    {
        var i = dot - 1;
        while (i >= 0 && char.IsAsciiDigit(text[i]))
        {
            i--;
        }

        while (i >= 0 && text[i] is ' ' or '\t')
        {
            i--;
        }

        return i < 0 || text[i] == '\n';
    }
}
