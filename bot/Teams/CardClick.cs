using System.Text.Json;

namespace ChatOpsReply.Teams;

/// <summary>A click on a card: the action's verb (a trigger name, or "refresh"), the post, and the data with the inputs.</summary>
public sealed record CardClick(string Verb, string PostId, JsonElement Data);
