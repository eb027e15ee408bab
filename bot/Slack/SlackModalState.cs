using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatOpsReply.Slack;

/// <summary>What a modal carries in its <c>private_metadata</c>: which post, which action, and where the click came from.</summary>
public sealed record SlackModalState(
    [property: JsonPropertyName("p")] string PostId,
    [property: JsonPropertyName("a")] string Action,
    [property: JsonPropertyName("c")] string? Channel)
{
    public string Serialize() => JsonSerializer.Serialize(this, SlackJsonContext.Default.SlackModalState);

    public static SlackModalState? Parse(string? metadata)
    {
        if (string.IsNullOrEmpty(metadata))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(metadata, SlackJsonContext.Default.SlackModalState);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
