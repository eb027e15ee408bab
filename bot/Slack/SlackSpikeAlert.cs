using System.Text.Json.Nodes;
using ChatOpsReply.Cards;
using ChatOpsReply.Crises;

namespace ChatOpsReply.Slack;

/// <summary>A spike's alert as a Slack message: what is spiking, its last minutes as a sparkline, three of its posts, and the answer buttons.</summary>
public static class SlackSpikeAlert
{
    /// <summary>Where the alert was posted, stored under the spike's id.</summary>
    public const string Key = "slack:spike";

    public static JsonObject Message(SpikeAlertView view, string mentions)
    {
        ArgumentNullException.ThrowIfNull(view);
        var lead = $":rotating_light: {mentions} *{Mrkdwn.Escape(view.Headline, 500)}*".Replace("  ", " ", StringComparison.Ordinal);
        var blocks = new JsonArray
        {
            new JsonObject { ["type"] = "section", ["text"] = Markdown(lead) },
            new JsonObject { ["type"] = "section", ["text"] = Markdown($"`{view.Sparkline}` the last {view.Sparkline.Length} min\nTerms: {Mrkdwn.Escape(string.Join(", ", view.Terms), 500)}") },
        };
        foreach (var sample in view.Samples)
        {
            // The customer's words in plain_text, which Slack never parses: no mention or link gets through.
            blocks.Add(new JsonObject { ["type"] = "context", ["elements"] = new JsonArray { new JsonObject { ["type"] = "plain_text", ["text"] = Mrkdwn.Truncate($"{sample.Author} on {sample.Source}: {sample.Text}", 2000), ["emoji"] = false } } });
        }

        if (view.Open)
        {
            // Slack: button value ≤ 2000, action_id unique in the message, docs.slack.dev/reference/block-kit/block-elements/button-element
            blocks.Add(new JsonObject
            {
                ["type"] = "actions",
                ["elements"] = new JsonArray
                {
                    Button(SpikeAlerts.DeclareCrisisAction, "Declare crisis", view.SpikeId, "danger"),
                    Button(SpikeAlerts.NotACrisisAction, "Not a crisis", view.SpikeId, style: null),
                },
            });
        }
        else
        {
            blocks.Add(new JsonObject { ["type"] = "context", ["elements"] = new JsonArray { Markdown(Mrkdwn.Escape(view.Status, 2000)) } });
            if (view.Holding is { } holding)
            {
                blocks.Add(new JsonObject { ["type"] = "section", ["text"] = Markdown(Mrkdwn.Escape(holding, 3000)) });
            }

            if (view.DeclaredCrisisId is { } crisisId)
            {
                var buttons = new JsonArray { Button(SpikeAlerts.ResolveCrisisAction, "Resolve crisis", crisisId, "primary") };
                if (view.MayChooseHolding)
                {
                    buttons.Add(Button(SlackHoldingStatements.ChooseAction, "Holding statement", crisisId, style: null));
                }
                else if (view.HoldingAwaiting is { } holdingId)
                {
                    buttons.Add(Button(SlackHoldingStatements.ApproveAction, "Approve statement", $"{crisisId}|{holdingId}", style: null));
                    buttons.Add(Button(SlackHoldingStatements.RejectAction, "Reject statement", $"{crisisId}|{holdingId}", "danger"));
                }

                blocks.Add(new JsonObject { ["type"] = "actions", ["elements"] = buttons });
            }
        }

        return new JsonObject { ["text"] = Mrkdwn.Notification(view.Headline, 3000), ["blocks"] = blocks };
    }

    internal static JsonObject Button(string actionId, string label, string value, string? style)
    {
        var button = new JsonObject { ["type"] = "button", ["action_id"] = actionId, ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = label }, ["value"] = value };
        if (style is not null)
        {
            // Slack: style is "primary" or "danger", docs.slack.dev/reference/block-kit/block-elements/button-element
            button["style"] = style;
        }

        return button;
    }

    private static JsonObject Markdown(string text) => new() { ["type"] = "mrkdwn", ["text"] = text, ["verbatim"] = true };
}
