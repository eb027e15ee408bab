using System.Text.Json.Nodes;

namespace ChatOpsReply.Cards;

public static partial class AdaptiveCardRenderer
{
    /// <summary>The verb of a digest line's Claim button: it claims the post, as the card's Claim button would.</summary>
    public const string DigestClaimVerb = "Claim";

    /// <summary>The data field a digest line's button carries the digest message's number in: the answer is that digest, redrawn.</summary>
    public const string DigestField = "digest";

    /// <summary>
    /// The most lines one digest card holds: with every text cut to nothing and no links, a line takes
    /// under 600 bytes (its Claim button and fallback included), so this many always fit in 28 KB.
    /// </summary>
    public const int DigestLinesMax = 40;

    // A line's texts before any cut: a card's author label, a source label, and what became of the post.
    private const int DigestCustomerMax = 50;
    private const int DigestSourceMax = 20;
    private const int DigestTakenMax = 60;

    /// <summary>
    /// A digest as an Adaptive Card: the title, then a line per post (customer, linked to the console;
    /// source; the start of their words; what became of it), each post still waiting with its own
    /// Claim button. Everyone sees the same card (no refresh): it is redrawn in place as lines change.
    /// Kept within <paramref name="maxBytes"/> by dropping the links, then cutting the texts.
    /// </summary>
    /// <param name="number">The digest message's number, carried by every Claim so the answer can redraw it.</param>
    public static JsonObject Digest(DigestModel digest, int number, int maxBytes = MaxCardBytes)
    {
        ArgumentNullException.ThrowIfNull(digest);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digest.Lines.Count, DigestLinesMax);
        var whole = Digest(digest, number, links: true, textCap: int.MaxValue);
        if (Size(whole) <= maxBytes)
        {
            return whole;
        }

        var (low, high) = (0, DigestLine.PreviewMax);
        var best = Digest(digest, number, links: false, textCap: 0);
        while (low <= high)
        {
            var cut = low + ((high - low) / 2);
            var candidate = Digest(digest, number, links: false, textCap: cut);
            if (Size(candidate) <= maxBytes)
            {
                best = candidate;
                low = cut + 1;
            }
            else
            {
                high = cut - 1;
            }
        }

        return best;
    }

    /// <summary>The element id of a post's line on a digest card.</summary>
    public static string DigestLineId(string postId) => "line." + postId;

    private static JsonObject Digest(DigestModel digest, int number, bool links, int textCap)
    {
        string Cut(string text, int max)
        {
            var limit = Math.Min(max, textCap);
            if (text.Length <= limit)
            {
                return text;
            }

            var length = limit > 0 && char.IsHighSurrogate(text[limit - 1]) ? limit - 1 : limit;
            return text[..length].TrimEnd() + "…";
        }

        var body = new JsonArray { TextBlock(AdaptiveCardMarkdown.Escape(digest.Title), weight: "Bolder", size: "Medium") };
        foreach (var line in digest.Lines)
        {
            var customer = Run(Cut(line.Customer, DigestCustomerMax), weight: "Bolder");
            if (links && line.ConsoleUrl is { } url && Link(url) is { } link)
            {
                // Adaptive Cards: a TextRun's selectAction (1.2) makes it a link, adaptivecards.io/explorer/TextRun.html.
                customer["selectAction"] = new JsonObject { ["type"] = "Action.OpenUrl", ["url"] = link };
            }

            var runs = new List<JsonNode> { customer, Run($" · {Cut(line.SourceLabel, DigestSourceMax)} · {Cut(line.Preview, DigestLine.PreviewMax)}") };
            if (line.Taken is { } taken)
            {
                runs.Add(Run($" · {Cut(taken, DigestTakenMax)}", color: "Good"));
            }

            var columns = new JsonArray { new JsonObject { ["type"] = "Column", ["width"] = "stretch", ["items"] = new JsonArray(RichText([.. runs])) } };
            if (line.Waiting)
            {
                var data = new JsonObject { [PostIdField] = line.PostId, [ActionField] = DigestClaimVerb, [DigestField] = number };
                var claim = ExecuteWithFallback("Claim", DigestClaimVerb, data);
                columns.Add(new JsonObject { ["type"] = "Column", ["width"] = "auto", ["items"] = new JsonArray(new JsonObject { ["type"] = "ActionSet", ["actions"] = new JsonArray(claim) }) });
            }

            // The line's id names its post, unique in the card as Adaptive Cards require of ids.
            body.Add(new JsonObject { ["type"] = "ColumnSet", ["id"] = DigestLineId(line.PostId), ["separator"] = true, ["columns"] = columns });
        }

        return SharedCard(body);
    }

    /// <summary>A button of a shared card: an Action.Execute with <paramref name="data"/>, and the same as an Action.Submit fallback.</summary>
    public static JsonObject ExecuteWithFallback(string title, string verb, JsonObject data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new JsonObject
        {
            ["type"] = "Action.Execute",
            ["title"] = title,
            ["verb"] = verb,
            ["data"] = data,
            // Teams: clients without Universal Actions take the Action.Submit fallback, msteams-docs Work-with-Universal-Actions-for-Adaptive-Cards#backward-compatibility.
            ["fallback"] = new JsonObject { ["type"] = "Action.Submit", ["title"] = title, ["data"] = data.DeepClone() },
        };
    }

    /// <summary>A card everyone sees alike (a digest, an alert): no refresh, redrawn in place for everyone when it changes.</summary>
    public static JsonObject SharedCard(JsonArray body) => new()
    {
        ["type"] = "AdaptiveCard",
        ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
        ["version"] = "1.5",
        ["body"] = body,
        ["msteams"] = new JsonObject { ["width"] = "Full" },
    };
}
