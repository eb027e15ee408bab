using System.Text.Json.Serialization;

namespace ChatOpsReply.Sources.X;

/// <summary>The CRC check's answer.</summary>
public sealed record CrcResponse([property: JsonPropertyName("response_token")] string ResponseToken);

[JsonSerializable(typeof(CrcResponse))]
internal sealed partial class XJson : JsonSerializerContext;
