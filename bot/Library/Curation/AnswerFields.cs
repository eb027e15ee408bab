using ChatOpsReply.Library.Model;

namespace ChatOpsReply.Library.Curation;

/// <summary>What a curator writes, checked and tidied (trimmed, lower-case tags, known queue names).</summary>
/// <param name="Owner">Null: whoever saves it.</param>
public sealed record AnswerFields(
    string Title,
    string Body,
    IReadOnlyList<AnswerPlaceholder> Placeholders,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Queues,
    IReadOnlyList<string> Sources,
    string Language,
    bool NeedsLegal,
    string? Owner);
