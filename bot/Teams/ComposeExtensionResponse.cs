using System.Text.Json.Nodes;

namespace ChatOpsReply.Teams;

/// <summary>Bodies of answers to a search messaging extension's <c>composeExtension/query</c> (HTTP 200 either way).</summary>
public static class ComposeExtensionResponse
{
    // Teams: a "message" response shows plain text with no formatting, msteams-docs messaging-extensions/how-to/search-commands/respond-to-search#message-response-type.
    public static JsonObject Message(string text) => new()
    {
        ["composeExtension"] = new JsonObject { ["type"] = "message", ["text"] = text },
    };

    // Teams: a "result" response lists attachments, attachmentLayout "list", msteams-docs messaging-extensions/how-to/search-commands/respond-to-search#respond-to-user-requests.
    public static JsonObject Results(IEnumerable<JsonObject> attachments) => new()
    {
        ["composeExtension"] = new JsonObject
        {
            ["type"] = "result",
            ["attachmentLayout"] = "list",
            ["attachments"] = new JsonArray([.. attachments]),
        },
    };

    /// <summary>One result: the Adaptive Card inserted into the message, and the line the result list shows.</summary>
    public static JsonObject Attachment(JsonObject card, string title, string previewText) => new()
    {
        ["contentType"] = TeamsProtocol.AdaptiveCardContentType,
        ["content"] = card,
        // Teams: an Adaptive Card result needs a preview, a hero or thumbnail card, msteams-docs messaging-extensions/how-to/search-commands/respond-to-search#result-response-type.
        ["preview"] = new JsonObject
        {
            ["contentType"] = TeamsProtocol.ThumbnailCardContentType,
            ["content"] = new JsonObject
            {
                // Teams: formatting only in text, never in title; thumbnail text reads a subset of HTML, msteams-docs task-modules-and-cards/cards/cards-format#format-cards-with-html.
                ["title"] = title,
                ["text"] = System.Net.WebUtility.HtmlEncode(previewText),
            },
        },
    };
}
