namespace ChatOpsReply.WebConsole.Pages.Library;

/// <summary>What a library page was asked for, echoed back into its search form.</summary>
public sealed record LibraryQuery(string? Q, string? Queue, string? Source, string? Language, string? Tag, string? Status);
