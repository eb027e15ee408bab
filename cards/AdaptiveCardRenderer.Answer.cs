using System.Text.Json.Nodes;

namespace ChatOpsReply.Cards;

public static partial class AdaptiveCardRenderer
{
    /// <summary>
    /// An approved answer as a card someone inserts into a message: no refresh and no workflow
    /// buttons (it belongs to no post), the words as TextRuns (never read as markdown), and each
    /// placeholder still to fill highlighted, with a sentence naming them.
    /// </summary>
    public static JsonObject RenderAnswer(AnswerCardModel answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var body = new JsonArray(
            TextBlock(AdaptiveCardMarkdown.Escape(answer.Title), weight: "Bolder", size: "Medium"),
            TextBlock(AdaptiveCardMarkdown.Escape(answer.StatusLine), isSubtle: true),
            RichText([.. AnswerRuns(answer.Text, answer.Unfilled)]));
        if (answer.FillInNote is { Length: > 0 } note)
        {
            body.Add(TextBlock(AdaptiveCardMarkdown.Escape(note), weight: "Bolder", color: "Attention"));
        }

        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            // Teams: renders schema 1.5 and earlier, msteams-docs task-modules-and-cards/cards/cards-reference#adaptive-card.
            ["version"] = "1.5",
            ["body"] = body,
        };
        if (answer.LibraryUrl is { } url && Link(url) is { } link)
        {
            card["actions"] = new JsonArray(new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "Open in the library", ["url"] = link });
        }

        // Teams: msteams.width "Full" lets the card use the message's width, msteams-docs cards-format#full-width-adaptive-card.
        card["msteams"] = new JsonObject { ["width"] = "Full" };
        return card;
    }

    /// <summary>The text as runs: plain words, and each unfilled placeholder highlighted in the attention colour.</summary>
    private static IEnumerable<JsonNode> AnswerRuns(string text, IReadOnlyList<string> unfilled)
    {
        var at = 0;
        while (at < text.Length)
        {
            var (next, token) = unfilled
                .Where(t => t.Length > 0)
                .Select(t => (Index: text.IndexOf(t, at, StringComparison.OrdinalIgnoreCase), Token: t))
                .Where(found => found.Index >= 0)
                .OrderBy(found => found.Index)
                .FirstOrDefault((Index: -1, Token: ""));
            if (next < 0)
            {
                yield return Run(text[at..]);
                yield break;
            }

            if (next > at)
            {
                yield return Run(text[at..next]);
            }

            // Adaptive Cards: TextRun.highlight (1.2) marks the words, adaptivecards.io/explorer/TextRun.html.
            var marked = Run(text.Substring(next, token.Length), weight: "Bolder", color: "Attention");
            marked["highlight"] = true;
            yield return marked;
            at = next + token.Length;
        }
    }
}
