using System.Text.Json;

namespace ChatOpsReply.Teams;

/// <summary>What a search messaging extension was asked: the command, the words typed, and which page of results.</summary>
/// <param name="Text">The search box's words; empty when nothing was typed.</param>
/// <param name="InitialRun">The extension was just opened (manifest <c>initialRun</c>): nothing was typed yet.</param>
public sealed record ComposeExtensionQuery(string? CommandId, string Text, bool InitialRun, int Skip, int Count)
{
    /// <summary>The parameter Teams sends for the default query when the extension opens.</summary>
    public const string InitialRunParameter = "initialRun";

    /// <summary>The page size Teams asks for; also the most one answer holds.</summary>
    public const int MaxCount = 25;

    /// <summary>How far paging may go: past this nobody is scrolling, something is wrong.</summary>
    public const int MaxSkip = 1000;

    /// <summary>Reads the invoke's value; null when it is not an object. The named parameter is the search box.</summary>
    public static ComposeExtensionQuery? Read(JsonElement? value, string parameterName)
    {
        // Teams: value {commandId, parameters[{name, value}], queryOptions{skip, count}}, msteams-docs messaging-extensions/how-to/search-commands/respond-to-search.
        if (value is not { ValueKind: JsonValueKind.Object } v)
        {
            return null;
        }

        var commandId = v.TryGetProperty("commandId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        var text = "";
        var initialRun = false;
        if (v.TryGetProperty("parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Array)
        {
            foreach (var parameter in parameters.EnumerateArray())
            {
                var name = parameter.ValueKind == JsonValueKind.Object && parameter.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
                var given = parameter.ValueKind == JsonValueKind.Object && parameter.TryGetProperty("value", out var p) ? p : default;
                if (name == parameterName && given.ValueKind == JsonValueKind.String)
                {
                    text = given.GetString()!.Trim();
                }

                // Teams: the default query carries the parameter initialRun = "true", msteams-docs messaging-extensions/how-to/search-commands/respond-to-search#default-query.
                initialRun |= name == InitialRunParameter && (given.ValueKind == JsonValueKind.True || (given.ValueKind == JsonValueKind.String && bool.TryParse(given.GetString(), out var yes) && yes));
            }
        }

        var options = v.TryGetProperty("queryOptions", out var o) && o.ValueKind == JsonValueKind.Object ? o : default;
        var skip = Math.Clamp(Number(options, "skip") ?? 0, 0, MaxSkip);
        var count = Math.Clamp(Number(options, "count") ?? MaxCount, 1, MaxCount);
        return new ComposeExtensionQuery(commandId, text, initialRun, skip, count);
    }

    private static int? Number(JsonElement options, string name) =>
        options.ValueKind == JsonValueKind.Object && options.TryGetProperty(name, out var n) && n.ValueKind == JsonValueKind.Number && n.TryGetInt32(out var i) ? i : null;
}
