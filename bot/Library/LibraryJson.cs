using System.Text.Json;
using System.Text.Json.Serialization;
using ChatOpsReply.Library.Api;
using ChatOpsReply.Library.Curation;
using ChatOpsReply.Library.Model;

namespace ChatOpsReply.Library;

/// <summary>The library's JSON: the API, import and export files (camelCase, enums by name).</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    WriteIndented = true,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(AnswerDocument))]
[JsonSerializable(typeof(List<AnswerDocument>))]
[JsonSerializable(typeof(AnswerSearchResponse))]
[JsonSerializable(typeof(AnswerRenderResponse))]
[JsonSerializable(typeof(ImportResult))]
[JsonSerializable(typeof(AnswerVersionRequest))]
[JsonSerializable(typeof(AnswerProposalRequest))]
public sealed partial class LibraryJson : JsonSerializerContext
{
    /// <summary>The property a serializer error points at ("tags" for "$.tags"), or null when it is about the document as a whole.</summary>
    internal static string? FieldOf(JsonException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
    }
}
