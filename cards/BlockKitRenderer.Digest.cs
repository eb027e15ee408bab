using System.Text;
using System.Text.Json.Nodes;

namespace ChatOpsReply.Cards;

public static partial class BlockKitRenderer
{
    /// <summary>The action id of a digest's first Claim menu (the next are "Claim.2", "Claim.3"): choosing a post claims it, as the card's Claim button would.</summary>
    public const string DigestClaimAction = "Claim";

    /// <summary>
    /// The most lines one digest message holds: three Claim menus of 100 (a static select holds at
    /// most 100 options), and lines of at most about 360 characters packed 8 or more to a section,
    /// so a full digest keeps within a message's 50 blocks.
    /// </summary>
    public const int DigestLinesMax = 3 * OptionsMax;

    /// <summary>The trigger a digest menu's action id stands for ("Claim.2" → "Claim"); other action ids unchanged.</summary>
    public static string DigestTrigger(string actionId)
    {
        ArgumentNullException.ThrowIfNull(actionId);
        return actionId.StartsWith(DigestClaimAction + ".", StringComparison.Ordinal) ? DigestClaimAction : actionId;
    }

    /// <summary>
    /// A digest as a channel message: the title, the lines packed into sections (customer, source,
    /// preview, console link, what became of it), and one "Claim…" menu of the lines still waiting.
    /// </summary>
    /// <returns>The <c>text</c> and <c>blocks</c> of a chat.postMessage or chat.update body.</returns>
    public static JsonObject Digest(DigestModel digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digest.Lines.Count, DigestLinesMax);
        var blocks = new JsonArray { Section(Markdown($":inbox_tray: *{Mrkdwn.Escape(digest.Title, 500)}*")) };
        var section = new StringBuilder();
        foreach (var line in digest.Lines)
        {
            var text = Line(line);
            if (section.Length > 0 && section.Length + 1 + text.Length > SectionTextMax)
            {
                blocks.Add(Section(Markdown(section.ToString())));
                section.Clear();
            }

            section.Append(section.Length > 0 ? "\n" : "").Append(text);
        }

        if (section.Length > 0)
        {
            blocks.Add(Section(Markdown(section.ToString())));
        }

        var waiting = digest.Lines.Where(l => l.Waiting).ToList();
        if (waiting.Count > 0)
        {
            // Slack: a static select's options are option objects, at most 100, docs.slack.dev/reference/block-kit/block-elements/select-menu-element
            var menus = new JsonArray();
            foreach (var (chunk, i) in waiting.Chunk(OptionsMax).Select((c, i) => (c, i)))
            {
                var placeholder = waiting.Count <= OptionsMax ? "Claim…" : $"Claim… ({(i * OptionsMax) + 1}–{(i * OptionsMax) + chunk.Length})";
                var options = new JsonArray([.. chunk.Select(l => (JsonNode)Option(new CardChoice(l.PostId, $"{l.Customer} · {l.Preview}")))]);
                menus.Add(new JsonObject { ["type"] = "static_select", ["action_id"] = i == 0 ? DigestClaimAction : $"{DigestClaimAction}.{i + 1}", ["placeholder"] = Plain(placeholder), ["options"] = options });
            }

            blocks.Add(new JsonObject { ["type"] = "actions", ["elements"] = menus });
        }

        var fallback = Mrkdwn.Notification(waiting.Count == digest.Lines.Count ? digest.Title : $"{digest.Title} ({waiting.Count} waiting)", FallbackTextMax);
        return new JsonObject { ["text"] = fallback, ["blocks"] = blocks };
    }

    /// <summary>At most about 360 characters, so a full digest always fits in the 50 blocks of a message.</summary>
    private static string Line(DigestLine line)
    {
        var text = new StringBuilder("• *").Append(Mrkdwn.Escape(line.Customer, 50)).Append("* · ").Append(Mrkdwn.Escape(line.SourceLabel, 20))
            .Append(" · ").Append(Mrkdwn.Escape(line.Preview, 90));
        if (Mrkdwn.Link(line.ConsoleUrl, "open") is { Length: <= 130 } link)
        {
            text.Append(" · ").Append(link);
        }

        if (line.Taken is { } taken)
        {
            text.Append(" · _").Append(Mrkdwn.Escape(taken, 50)).Append('_');
        }

        return text.ToString();
    }
}
