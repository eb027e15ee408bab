using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatOpsReply.Teams;

/// <summary>Where a card the bot posted lives, kept in <see cref="Storage.ICardReferences"/> so it is updated, never posted twice.</summary>
/// <param name="ConversationId">The thread the card starts ("19:…@thread.tacv2;messageid=…"); replies go there.</param>
public sealed record TeamsMessageReference(Uri ServiceUrl, string ConversationId, string ActivityId)
{
    public string Format() => new JsonObject
    {
        ["serviceUrl"] = ServiceUrl.AbsoluteUri,
        ["conversationId"] = ConversationId,
        ["activityId"] = ActivityId,
    }.ToJsonString();

    public static TeamsMessageReference? Parse(string? stored)
    {
        if (stored is null)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(stored) is JsonObject o
                && Uri.TryCreate((string?)o["serviceUrl"], UriKind.Absolute, out var serviceUrl)
                && (string?)o["conversationId"] is { Length: > 0 } conversation
                && (string?)o["activityId"] is { Length: > 0 } activity
                ? new TeamsMessageReference(serviceUrl, conversation, activity)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
