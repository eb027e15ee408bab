namespace ChatOpsReply.Cards;

/// <summary>
/// One message of a burst's digest: the posts that arrived faster than their channel takes cards,
/// a line each, the waiting ones claimable from the message. Built by the bot, rendered per surface.
/// </summary>
/// <param name="Title">Ours, never the customer's: e.g. "Busy moment in Support: 100 posts".</param>
public sealed record DigestModel(string Title, IReadOnlyList<DigestLine> Lines);

/// <summary>One post on a digest.</summary>
/// <param name="Customer">The customer's name as a card shows it (neutralised).</param>
/// <param name="Preview">The start of their words on one line, neutralised; renderers escape it.</param>
/// <param name="Taken">What became of it ("claimed by Alice Martin", "dismissed"); null while it waits, and only then claimable.</param>
public sealed record DigestLine(string PostId, string Customer, string SourceLabel, string Preview, string? ConsoleUrl, string? Taken)
{
    /// <summary>The longest preview: a line stays short enough that a full digest keeps within a message's blocks.</summary>
    public const int PreviewMax = 70;

    public bool Waiting => Taken is null;

    /// <summary>The customer's words as a one-line preview: runs of spaces and line breaks as one space, hidden characters shown, cut with an ellipsis.</summary>
    public static string PreviewOf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var start = text.Length > PreviewMax * 4 ? text[..(PreviewMax * 4)] : text;
        var shown = DisplayText.Neutralise(string.Join(' ', start.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        if (shown.Length <= PreviewMax && start.Length == text.Length)
        {
            return shown;
        }

        var cut = Math.Min(shown.Length, PreviewMax - 1);
        if (cut > 0 && char.IsHighSurrogate(shown[cut - 1]))
        {
            cut--;
        }

        return string.Concat(shown.AsSpan(0, cut), "…");
    }
}
