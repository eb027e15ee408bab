using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatOpsReply.Slack;

/// <summary>
/// What a modal carries in its <c>private_metadata</c>: which post, which action, where the click
/// came from, and how often the app has replaced the inputs (see <c>BlockKitModalOptions.Revision</c>).
/// </summary>
public sealed record SlackModalState(
    [property: JsonPropertyName("p")] string PostId,
    [property: JsonPropertyName("a")] string Action,
    [property: JsonPropertyName("c")] string? Channel,
    [property: JsonPropertyName("r"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int Revision = 0)
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
