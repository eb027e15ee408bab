using System.Text.Json.Nodes;

namespace ChatOpsReply.Tests.Support;

/// <summary>Walks the JSON a surface sent or answered (a card, a message, a view).</summary>
public static class JsonTree
{
    /// <summary>Every object in <paramref name="node"/>, the node first, each before what it contains.</summary>
    public static IEnumerable<JsonObject> Objects(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => Objects(p.Value))),
        JsonArray a => a.SelectMany(Objects),
        _ => [],
    };

    /// <summary>Every string value in <paramref name="node"/>, as a reader of the JSON gets it (escapes decoded).</summary>
    public static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };
}
