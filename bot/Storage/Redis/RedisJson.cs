using System.Text.Json.Serialization;

namespace ChatOpsReply.Storage.Redis;

/// <summary>JSON handed to the Lua scripts (property names in camelCase, as the scripts read them).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(IReadOnlyList<RedisOutboxEntry>))]
[JsonSerializable(typeof(List<RedisAnswerEntry>))]
[JsonSerializable(typeof(string[][]))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class RedisJson : JsonSerializerContext;
