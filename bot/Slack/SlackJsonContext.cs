using System.Text.Json.Serialization;

namespace ChatOpsReply.Slack;

[JsonSerializable(typeof(SlackModalState))]
internal sealed partial class SlackJsonContext : JsonSerializerContext;
