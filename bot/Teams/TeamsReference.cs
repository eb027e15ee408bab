using System.Text.Json.Serialization;

namespace ChatOpsReply.Teams;

/// <summary>A team, channel or tenant named in Teams channel data.</summary>
public sealed record TeamsReference(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("name")] string? Name);
