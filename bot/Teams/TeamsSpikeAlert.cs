using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsReply.Cards;
using ChatOpsReply.Crises;

namespace ChatOpsReply.Teams;

/// <summary>
/// A spike's alert as an Adaptive Card for the crisis team's Teams channel: what is spiking, its last
/// minutes as a sparkline, the terms, three of its posts, and the answer buttons while it waits for one.
/// Everyone sees the same card (no refresh): it is updated in place once someone answers.
/// </summary>
public static class TeamsSpikeAlert
{
    /// <summary>Where the alert was posted, stored under the spike's id.</summary>
    public const string Key = "teams:spike";

    /// <summary>The data field the alert's buttons carry the spike's id in.</summary>
    public const string SpikeIdField = "spikeId";

    public static JsonObject Card(SpikeAlertView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var body = new JsonArray
        {
            AdaptiveCardRenderer.TextBlock(AdaptiveCardMarkdown.Escape(view.Headline), weight: "Bolder", color: "Attention"),
            // Adaptive Cards: fontType Monospace keeps the sparkline's blocks in step, adaptivecards.io/explorer/TextBlock.html.
            new JsonObject { ["type"] = "TextBlock", ["text"] = view.Sparkline, ["fontType"] = "Monospace", ["size"] = "Large", ["wrap"] = true },
            AdaptiveCardRenderer.TextBlock($"the last {view.Sparkline.Length} min · Terms: {AdaptiveCardMarkdown.Escape(string.Join(", ", view.Terms))}", isSubtle: true),
        };
        foreach (var sample in view.Samples)
        {
            // Customer words in TextRuns, which Teams never reads as markdown: no link or emphasis gets through.
            body.Add(new JsonObject
            {
                ["type"] = "RichTextBlock",
                ["separator"] = true,
                ["inlines"] = new JsonArray(
                    new JsonObject { ["type"] = "TextRun", ["text"] = sample.Author, ["weight"] = "Bolder" },
                    new JsonObject { ["type"] = "TextRun", ["text"] = $" on {sample.Source}: {sample.Text}" }),
            });
        }

        if (view.Open)
        {
            // "Declare crisis" joins these answers, before "Not a crisis", once SpikeAlerts can declare one (issue 13).
            body.Add(new JsonObject { ["type"] = "ActionSet", ["actions"] = new JsonArray(Answer(view, SpikeAlerts.NotACrisisAction, "Not a crisis")) });
        }
        else
        {
            body.Add(AdaptiveCardRenderer.TextBlock(AdaptiveCardMarkdown.Escape(view.Status ?? ""), weight: "Bolder"));
        }

        return AdaptiveCardRenderer.SharedCard(body);
    }

    /// <summary>The spike a click on an alert's button names, with the button's action: from an Action.Execute's data, or an Action.Submit's value.</summary>
    public static (string SpikeId, string Action)? Click(JsonElement data) =>
        data.ValueKind == JsonValueKind.Object
        && data.TryGetProperty(SpikeIdField, out var spike) && spike.ValueKind == JsonValueKind.String && spike.GetString() is { Length: > 0 } spikeId
        && data.TryGetProperty(AdaptiveCardRenderer.ActionField, out var action) && action.ValueKind == JsonValueKind.String && action.GetString() is { Length: > 0 } name
            ? (spikeId, name)
            : null;

    private static JsonObject Answer(SpikeAlertView view, string action, string title) =>
        AdaptiveCardRenderer.ExecuteWithFallback(title, action, new JsonObject { [SpikeIdField] = view.SpikeId, [AdaptiveCardRenderer.ActionField] = action });
}
