using System.Text.Json.Nodes;

namespace ChatOpsReply.Teams;

/// <summary>
/// Bodies of answers to <c>adaptiveCard/action</c> invokes. The HTTP status is 200 and the
/// body's statusCode carries the outcome, as adaptive-cards universal-action-model#response-format describes.
/// </summary>
public static class TeamsInvokeResponse
{
    /// <summary>The card to show the person in place of the one they clicked.</summary>
    public static JsonObject Card(JsonObject card) => new()
    {
        ["statusCode"] = 200,
        ["type"] = TeamsProtocol.CardResponseType,
        ["value"] = card,
    };

    /// <summary>A sentence Teams shows the person; the card stays as it was.</summary>
    public static JsonObject Message(string text) => new()
    {
        ["statusCode"] = 200,
        ["type"] = TeamsProtocol.MessageResponseType,
        ["value"] = text,
    };

    /// <summary>A request the bot cannot act on (400), with a message a person can read.</summary>
    public static JsonObject BadRequest(string message) => new()
    {
        ["statusCode"] = 400,
        ["type"] = TeamsProtocol.ErrorResponseType,
        ["value"] = new JsonObject { ["code"] = "BadRequest", ["message"] = message },
    };
}
