using System.Text.Json.Nodes;

namespace ChatOpsReply.Tests.Support;

/// <summary>What Slack sends while a modal the app opened is in use: options requests and choices.</summary>
public static class SlackModalRequests
{
    public const string ViewId = "V0DRAFT01";

    /// <summary>The person opens a select served by the app, or types in it (block_suggestion).</summary>
    public static Task<HttpResponseMessage> SuggestAsync(this SlackHost slack, JsonObject shownView, string blockId, string typed, string slackUser = "U0ALICE") =>
        slack.InteractAsync(Suggestion(shownView, blockId, typed, slackUser));

    /// <summary>The block_suggestion payload of someone typing <paramref name="typed"/> in a select of <paramref name="shownView"/>.</summary>
    public static JsonObject Suggestion(JsonObject shownView, string blockId, string typed, string slackUser = "U0ALICE")
    {
        var payload = SlackHost.Fixture("block_suggestion.json");
        payload["user"]!["id"] = slackUser;
        payload["block_id"] = blockId;
        payload["action_id"] = Element(shownView, blockId)["action_id"]!.GetValue<string>();
        payload["value"] = typed;
        InView(payload, shownView);
        return payload;
    }

    /// <summary>The person chooses an option of a select whose input block dispatches its actions (block_actions in a view).</summary>
    public static Task<HttpResponseMessage> ChooseAsync(this SlackHost slack, JsonObject shownView, string blockId, string value, string title, string slackUser = "U0ALICE", string hash = "1700000300.cHoSeN01")
    {
        var payload = InModal(shownView, slackUser, hash);
        var element = Element(shownView, blockId);
        payload["actions"] = new JsonArray(new JsonObject
        {
            ["type"] = element["type"]!.GetValue<string>(),
            ["action_id"] = element["action_id"]!.GetValue<string>(),
            ["block_id"] = blockId,
            ["selected_option"] = new JsonObject { ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = title, ["emoji"] = false }, ["value"] = value },
            ["action_ts"] = "1700000700.000001",
        });
        return slack.InteractAsync(payload);
    }

    /// <summary>The person types in a text input that dispatches on each character (block_actions in a view).</summary>
    public static Task<HttpResponseMessage> TypeAsync(this SlackHost slack, JsonObject shownView, string blockId, string text, string slackUser = "U0ALICE", string hash = "1700000400.tYpEd001")
    {
        var payload = InModal(shownView, slackUser, hash);
        payload["actions"] = new JsonArray(new JsonObject
        {
            ["type"] = "plain_text_input",
            ["action_id"] = Element(shownView, blockId)["action_id"]!.GetValue<string>(),
            ["block_id"] = blockId,
            ["value"] = text,
            ["action_ts"] = "1700000800.000001",
        });
        return slack.InteractAsync(payload);
    }

    public static JsonObject Element(JsonObject view, string blockId) =>
        view["blocks"]!.AsArray().Single(b => b!["block_id"]?.GetValue<string>() == blockId)!["element"]!.AsObject();

    private static JsonObject InModal(JsonObject shownView, string slackUser, string hash)
    {
        var payload = SlackHost.Fixture("block_actions.json");
        payload["user"]!["id"] = slackUser;
        payload.Remove("channel");
        payload.Remove("message");
        payload["container"] = new JsonObject { ["type"] = "view", ["view_id"] = ViewId };
        InView(payload, shownView);
        payload["view"]!["hash"] = hash;
        return payload;
    }

    private static void InView(JsonObject payload, JsonObject shownView)
    {
        var view = payload["view"] as JsonObject ?? SlackHost.Fixture("block_suggestion.json")["view"]!.AsObject();
        view = (JsonObject)view.DeepClone();
        view["id"] = ViewId;
        view["callback_id"] = shownView["callback_id"]!.GetValue<string>();
        view["private_metadata"] = shownView["private_metadata"]!.GetValue<string>();
        view["blocks"] = shownView["blocks"]!.DeepClone();
        payload["view"] = view;
    }
}
