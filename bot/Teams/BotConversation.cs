using System.Text.Json.Serialization;

namespace ChatOpsReply.Teams;

/// <summary>The conversation an activity belongs to (bot-docs bot-framework-rest-connector-api-reference#conversationaccount-object).</summary>
/// <param name="ConversationType">"personal", "groupChat" or "channel".</param>
public sealed record BotConversation(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("conversationType")] string? ConversationType,
    [property: JsonPropertyName("tenantId")] string? TenantId,
    [property: JsonPropertyName("name")] string? Name);
