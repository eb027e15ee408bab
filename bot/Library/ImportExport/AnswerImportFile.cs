namespace ChatOpsReply.Library.ImportExport;

/// <summary>An import file read into rows, with whatever could not be read (each with its line).</summary>
public sealed record AnswerImportFile(IReadOnlyList<ImportRow> Rows, IReadOnlyList<ImportError> Errors);
