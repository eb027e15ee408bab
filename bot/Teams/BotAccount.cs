using System.Text.Json.Serialization;

namespace ChatOpsReply.Teams;

/// <summary>A user or bot in an activity (bot-docs bot-framework-rest-connector-api-reference#channelaccount-object).</summary>
/// <param name="Id">"29:…" for a Teams user, "28:{appId}" for the bot.</param>
/// <param name="AadObjectId">The user's Entra object id, which configuration knows people by.</param>
public sealed record BotAccount(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("aadObjectId")] string? AadObjectId);
