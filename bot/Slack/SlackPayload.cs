using System.Text.Json;

namespace ChatOpsReply.Slack;

/// <summary>Reading Slack's JSON payloads: a missing or mistyped property is null, never an exception.</summary>
internal static class SlackPayload
{
    /// <summary>The string at a path of property names, e.g. <c>("user", "id")</c>.</summary>
    public static string? String(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }

    public static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : null;
}
