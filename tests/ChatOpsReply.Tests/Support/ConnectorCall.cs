using System.Text.Json.Nodes;

namespace ChatOpsReply.Tests.Support;

/// <summary>One request the fake Bot Connector received.</summary>
/// <param name="Route">"create", "send", "reply", "update", "delete", "channels" or "members".</param>
public sealed record ConnectorCall(string Route, string Method, string? ConversationId, string? ActivityId, JsonObject? Body, string? Authorization)
{
    /// <summary>What the fake answered, when it carried the call out (null when told to fail).</summary>
    public JsonObject? Answer { get; init; }

    /// <summary>The Adaptive Card the call carried, if any.</summary>
    public JsonObject? Card =>
        (Body?["activity"] ?? Body)?["attachments"]?.AsArray().FirstOrDefault()?["content"] as JsonObject;

    /// <summary>The text of the message the call carried, if any.</summary>
    public string? Text => (string?)(Body?["activity"] ?? Body)?["text"];

    /// <summary>The channel a "create" call posted to.</summary>
    public string? Channel => (string?)Body?["channelData"]?["channel"]?["id"];
}
