using System.Text.Json.Serialization;

namespace ChatOpsReply.Teams;

/// <summary>How incoming activities are read (source-generated).</summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(BotActivity))]
internal sealed partial class TeamsJson : JsonSerializerContext;
