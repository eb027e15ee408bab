using System.Net;
using System.Text.Json.Nodes;

namespace ChatOpsReply.Teams;

/// <summary>How the Bot Connector answered: the status, the body, and its error code and wait when it refused.</summary>
public sealed record ConnectorResponse(HttpStatusCode Status, JsonObject? Body, string? ErrorCode, string? ErrorMessage, TimeSpan? RetryAfter)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;

    /// <summary>A string property of the answer ("id", "activityId").</summary>
    public string? Value(string name) => Body?[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public string Describe() => $"HTTP {(int)Status}{(ErrorCode is null ? "" : " " + ErrorCode)}{(ErrorMessage is null ? "" : ": " + ErrorMessage)}";
}
