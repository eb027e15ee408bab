using System.Text;

namespace ChatOpsReply.Cards;

/// <summary>
/// Slack's mrkdwn, made safe for words we did not write: mentions, links and formatting in
/// them must never work. Customer words on a card travel as plain_text objects, which Slack
/// does not parse at all; this is for the places that must be mrkdwn (message fallback
/// text, thread lines, facts).
/// </summary>
public static class Mrkdwn
{
    /// <summary>U+200B, put after a formatting marker so it can no longer pair with another.</summary>
    private const char ZeroWidthSpace = '\u200B';

    /// <param name="max">The longest the escaped text may be; longer text is cut (never inside an entity) and ends with an ellipsis.</param>
    public static string Escape(string? text, int max = int.MaxValue) => Escape(text, max, formatting: true);

    /// <summary>
    /// A message's notification text (the <c>text</c> beside its blocks): what a notification, a
    /// screen reader and search show, never rendered as mrkdwn. Mentions and links stay inert
    /// (&amp;, &lt;, &gt; as entities), and nothing is put inside words: a U+200B after each marker
    /// would show, and would break search for a handle such as @dana_k.
    /// </summary>
    public static string Notification(string? text, int max = int.MaxValue) => Escape(text, max, formatting: false);

    private static string Escape(string? text, int max, bool formatting)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var escaped = new StringBuilder(Math.Min(text.Length + 16, max));
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var length = char.IsHighSurrogate(c) && i + 1 < text.Length ? 2 : 1;
            var piece = c switch
            {
                // Slack: escape &, <, > as entities, api.slack.com/reference/surfaces/formatting#escaping
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '*' or '_' or '~' or '`' when formatting => $"{c}{ZeroWidthSpace}",
                _ => text.Substring(i, length),
            };
            var room = i + length < text.Length ? max - 1 : max;
            if (escaped.Length + piece.Length > room)
            {
                return escaped.Append('…').ToString();
            }

            escaped.Append(piece);
            i += length;
        }

        return escaped.ToString();
    }

    /// <summary>A link whose label and address cannot break out of the <c>&lt;url|label&gt;</c> syntax; null unless http(s).</summary>
    public static string? Link(string? url, string label)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return null;
        }

        // Slack: links are <url|label>; & < > escaped inside, api.slack.com/reference/surfaces/formatting#linking-urls
        var address = uri.AbsoluteUri.Replace("|", "%7C", StringComparison.Ordinal).Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "%3C", StringComparison.Ordinal).Replace(">", "%3E", StringComparison.Ordinal);
        return $"<{address}|{Escape(label).Replace("|", "¦", StringComparison.Ordinal)}>";
    }

    /// <summary>Cuts text to at most <paramref name="max"/> characters, ending with an ellipsis when cut.</summary>
    public static string Truncate(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= max)
        {
            return text;
        }

        var cut = max - 1;
        // Never split a surrogate pair: half an emoji is invalid UTF-16.
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return string.Concat(text.AsSpan(0, cut), "…");
    }
}
