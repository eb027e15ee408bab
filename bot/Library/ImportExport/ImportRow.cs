using ChatOpsReply.Library.Model;

namespace ChatOpsReply.Library.ImportExport;

/// <summary>One answer read from an import file, with the line it starts on.</summary>
public sealed record ImportRow(int Line, AnswerDocument Answer);
