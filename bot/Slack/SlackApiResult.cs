using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace ChatOpsReply.Slack;

/// <summary>A Web API answer: the response body when <c>ok</c> is true, else the error. Expected failures are values.</summary>
public sealed record SlackApiResult(JsonElement Body, SlackApiError? Error)
{
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Ok => Error is null;

    public static SlackApiResult Success(JsonElement body) => new(body, null);

    public static SlackApiResult Failure(SlackApiError error) => new(default, error);

    /// <summary>A string property of the body, e.g. <c>ts</c> or <c>channel</c>.</summary>
    public string? Text(string name) => Ok && Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
