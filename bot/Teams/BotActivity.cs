using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatOpsReply.Teams;

/// <summary>
/// The fields of an incoming activity the bot uses (bot-docs bot-framework-rest-connector-api-reference#activity-object);
/// everything else is ignored.
/// </summary>
public sealed record BotActivity
{
    /// <summary>"message", "invoke", "conversationUpdate", ….</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("serviceUrl")]
    public string? ServiceUrl { get; init; }

    [JsonPropertyName("channelId")]
    public string? ChannelId { get; init; }

    [JsonPropertyName("from")]
    public BotAccount? From { get; init; }

    [JsonPropertyName("recipient")]
    public BotAccount? Recipient { get; init; }

    [JsonPropertyName("conversation")]
    public BotConversation? Conversation { get; init; }

    [JsonPropertyName("text")]
    public string? Text { get; init; }

    /// <summary>An invoke's name ("adaptiveCard/action", "composeExtension/query").</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>An invoke's payload, or the data of an Action.Submit merged with its inputs.</summary>
    [JsonPropertyName("value")]
    public JsonElement? Value { get; init; }

    [JsonPropertyName("replyToId")]
    public string? ReplyToId { get; init; }

    [JsonPropertyName("channelData")]
    public TeamsChannelData? ChannelData { get; init; }

    [JsonPropertyName("membersAdded")]
    public IReadOnlyList<BotAccount>? MembersAdded { get; init; }
}
