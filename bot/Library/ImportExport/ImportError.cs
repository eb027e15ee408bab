namespace ChatOpsReply.Library.ImportExport;

/// <summary>A problem with one line of an import file.</summary>
/// <param name="Field">The column or property at fault, or null for the line as a whole.</param>
public sealed record ImportError(int Line, string? Field, string Message)
{
    public override string ToString() => Field is null ? $"Line {Line}: {Message}" : $"Line {Line}, {Field}: {Message}";
}
