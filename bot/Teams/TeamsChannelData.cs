using System.Text.Json.Serialization;

namespace ChatOpsReply.Teams;

/// <summary>Teams' part of an activity (botbuilder-dotnet Microsoft.Bot.Schema/Teams/TeamsChannelData.cs).</summary>
/// <param name="EventType">For conversationUpdate: "teamMemberAdded", "channelCreated", "channelRenamed", "teamRenamed", ….</param>
public sealed record TeamsChannelData(
    [property: JsonPropertyName("tenant")] TeamsReference? Tenant,
    [property: JsonPropertyName("team")] TeamsReference? Team,
    [property: JsonPropertyName("channel")] TeamsReference? Channel,
    [property: JsonPropertyName("eventType")] string? EventType);
