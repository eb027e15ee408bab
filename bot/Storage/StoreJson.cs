using System.Text.Json.Serialization;
using ChatOpsReply.Crises;
using ChatOpsReply.Library.Model;
using ChatOpsReply.Posts;
using ChatOpsReply.Teams;
using ChatOpsReply.WebConsole.Drafts;

namespace ChatOpsReply.Storage;

/// <summary>How stored records are written as JSON (source-generated; enums by name so the files read well).</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CustomerPost))]
[JsonSerializable(typeof(AuditEvent))]
[JsonSerializable(typeof(StoredOutboxBody))]
[JsonSerializable(typeof(TeamsChannel))]
[JsonSerializable(typeof(TeamsPersonalChat))]
[JsonSerializable(typeof(CannedAnswer))]
[JsonSerializable(typeof(WorkingDraft))]
[JsonSerializable(typeof(Spike))]
[JsonSerializable(typeof(Crisis))]
[JsonSerializable(typeof(HoldingStatement))]
[JsonSerializable(typeof(HoldingOutcome))]
[JsonSerializable(typeof(string[][]))]
internal sealed partial class StoreJson : JsonSerializerContext;
