using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsReply.Cards;
using ChatOpsReply.Crises;

namespace ChatOpsReply.Teams;

/// <summary>
/// A spike's alert as an Adaptive Card for the crisis team's Teams channel: what is spiking, its last
/// minutes as a sparkline, the terms, three of its posts, and the answer buttons while it waits for one
/// (Declare crisis, Not a crisis; Resolve crisis once declared). Everyone sees the same card (no refresh): it
/// is updated in place once someone answers. Declaring first shows the one who clicked a confirm card with
/// the preview count (<see cref="Confirm"/>).
/// </summary>
public static class TeamsSpikeAlert
{
    /// <summary>Where the alert was posted, stored under the spike's id.</summary>
    public const string Key = "teams:spike";

    /// <summary>The data field the alert's buttons carry the spike's id in.</summary>
    public const string SpikeIdField = "spikeId";

    /// <summary>The data field Resolve crisis carries the declared crisis's id in.</summary>
    public const string CrisisIdField = "crisisId";

    /// <summary>The confirm card's "Declare crisis": declares, where the alert's only asks.</summary>
    public const string ConfirmDeclareAction = "SpikeDeclareConfirmed";

    /// <summary>The confirm card's "Cancel": the alert as it is.</summary>
    public const string ShowAlertAction = "SpikeAlertShow";

    /// <param name="note">A sentence for the one who clicked, under the alert (what their click did).</param>
    public static JsonObject Card(SpikeAlertView view, string? note = null)
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
            body.Add(Actions(Answer(view, SpikeAlerts.DeclareCrisisAction, "Declare crisis"), Answer(view, SpikeAlerts.NotACrisisAction, "Not a crisis")));
        }
        else
        {
            body.Add(AdaptiveCardRenderer.TextBlock(AdaptiveCardMarkdown.Escape(view.Status ?? ""), weight: "Bolder"));
            if (view.DeclaredCrisisId is { } crisisId)
            {
                body.Add(Actions(Answer(view, SpikeAlerts.ResolveCrisisAction, "Resolve crisis", crisisId)));
            }
        }

        if (note is not null)
        {
            body.Add(AdaptiveCardRenderer.TextBlock(AdaptiveCardMarkdown.Escape(note), isSubtle: true));
        }

        return AdaptiveCardRenderer.SharedCard(body);
    }

    /// <summary>What "Declare crisis" shows the one who clicked: the preview count, then Declare crisis or Cancel.</summary>
    public static JsonObject Confirm(SpikeAlertView view, string preview)
    {
        ArgumentNullException.ThrowIfNull(view);
        return AdaptiveCardRenderer.SharedCard(new JsonArray
        {
            AdaptiveCardRenderer.TextBlock(AdaptiveCardMarkdown.Escape(view.Headline), weight: "Bolder", color: "Attention"),
            AdaptiveCardRenderer.TextBlock(AdaptiveCardMarkdown.Escape(preview)),
            Actions(Answer(view, ConfirmDeclareAction, "Declare crisis"), Answer(view, ShowAlertAction, "Cancel")),
        });
    }

    /// <summary>The spike a click on an alert's button names, with the button's action: from an Action.Execute's data, or an Action.Submit's value.</summary>
    public static SpikeClick? Click(JsonElement data) =>
        data.ValueKind == JsonValueKind.Object
        && data.TryGetProperty(SpikeIdField, out var spike) && spike.ValueKind == JsonValueKind.String && spike.GetString() is { Length: > 0 } spikeId
        && data.TryGetProperty(AdaptiveCardRenderer.ActionField, out var action) && action.ValueKind == JsonValueKind.String && action.GetString() is { Length: > 0 } name
            ? new SpikeClick(spikeId, name, data.TryGetProperty(CrisisIdField, out var crisis) && crisis.ValueKind == JsonValueKind.String ? crisis.GetString() : null)
            : null;

    private static JsonObject Actions(params JsonObject[] actions) => new() { ["type"] = "ActionSet", ["actions"] = new JsonArray(actions) };

    private static JsonObject Answer(SpikeAlertView view, string action, string title, string? crisisId = null)
    {
        var data = new JsonObject { [SpikeIdField] = view.SpikeId, [AdaptiveCardRenderer.ActionField] = action };
        if (crisisId is not null)
        {
            data[CrisisIdField] = crisisId;
        }

        return AdaptiveCardRenderer.ExecuteWithFallback(title, action, data);
    }
}

/// <summary>A click on a spike alert's button: the spike, the button's action, and the crisis for Resolve crisis.</summary>
public sealed record SpikeClick(string SpikeId, string Action, string? CrisisId);
