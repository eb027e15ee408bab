using System.Text;
using System.Text.Json;
using ChatOpsReply.Library.Model;
using CsvHelper;

namespace ChatOpsReply.Library.ImportExport;

/// <summary>
/// Reads import files (JSON, or CSV with the columns <see cref="AnswerExport"/> writes) into
/// rows that remember the line they start on, so every problem can be reported by line.
/// </summary>
public static class AnswerImport
{
    private static readonly char[] ListSeparators = [';', ','];
    private static readonly string[] RequiredColumns = ["title", "body"];

    public static AnswerImportFile Read(byte[] content, bool csv)
    {
        ArgumentNullException.ThrowIfNull(content);
        return csv ? ReadCsv(Encoding.UTF8.GetString(content)) : ReadJson(content);
    }

    /// <summary>A JSON array of answers, or an object with an "answers" array.</summary>
    public static AnswerImportFile ReadJson(byte[] utf8)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        var rows = new List<ImportRow>();
        var errors = new List<ImportError>();
        var lines = new LineIndex(utf8);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var element = 1;
        try
        {
            if (!reader.Read())
            {
                errors.Add(new ImportError(1, null, "The file is empty."));
                return new AnswerImportFile(rows, errors);
            }

            if (reader.TokenType == JsonTokenType.StartObject)
            {
                // {"answers": [...]}: find the array, skip anything else.
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isAnswers = reader.ValueTextEquals("answers");
                    reader.Read();
                    if (isAnswers)
                    {
                        break;
                    }

                    reader.Skip();
                }
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                errors.Add(new ImportError(lines.At(reader.TokenStartIndex), null, "Expected a JSON array of answers, or an object with an \"answers\" array."));
                return new AnswerImportFile(rows, errors);
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var line = lines.At(reader.TokenStartIndex);
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    errors.Add(new ImportError(line, null, "Each answer must be a JSON object."));
                    reader.Skip();
                    continue;
                }

                element = line;
                var answer = JsonSerializer.Deserialize(ref reader, LibraryJson.Default.AnswerDocument);
                rows.Add(new ImportRow(line, answer!));
            }
        }
        catch (JsonException e)
        {
            var field = LibraryJson.FieldOf(e);
            // Inside an answer the serializer counts lines from the answer's first line.
            var line = field is null ? (int)(e.LineNumber ?? 0) + 1 : element + (int)(e.LineNumber ?? 0);
            errors.Add(new ImportError(line, field, field is null
                ? "This is not valid JSON here."
                : "This value has the wrong type: text for title, body, id, language, status and owner; lists of text for tags, queues and sources; true or false for legal; an object of name → default for placeholders."));
        }

        return new AnswerImportFile(rows, errors);
    }

    /// <summary>A header row naming the columns (title and body at least), then one answer per row.</summary>
    public static AnswerImportFile ReadCsv(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rows = new List<ImportRow>();
        var errors = new List<ImportError>();
        var options = new CsvReaderOptions
        {
            TrackLineNumbers = true,
            Escape = '"',
            NormalizeHeaderName = header => header.Trim().ToLowerInvariant(),
            OnMalformedRecord = bad => errors.Add(new ImportError((int)bad.LineNumber, null, bad.Reason == CsvMalformedReason.UnterminatedQuote
                ? "A quoted field is never closed: end it with a double quote."
                : "A quote is out of place: put a field with quotes, commas or line breaks in double quotes, and double the quotes inside it.")),
        };
        using var csv = CsvReader.FromText(text, options);
        csv.ReadHeader();
        var columns = csv.Headers.Select(h => h.Trim().ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        var missing = RequiredColumns.Where(c => !columns.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            errors.Add(new ImportError(1, null, columns.Count == 0 ? "The file is empty: it needs a header row with title and body columns." : $"The header row has no {string.Join(" or ", missing)} column."));
            return new AnswerImportFile(rows, errors);
        }

        while (csv.Read())
        {
            var line = (int)csv.LineNumber;
            string? Cell(string name) => columns.Contains(name) ? Unescape(csv.GetStringOrNull(name)) : null;
            rows.Add(new ImportRow(line, new AnswerDocument
            {
                Id = Blank(Cell("id")),
                Title = Cell("title"),
                Body = Cell("body"),
                Placeholders = Placeholders(Cell("placeholders"), line, errors),
                Tags = List(Cell("tags")),
                Queues = List(Cell("queues")),
                Sources = List(Cell("sources")),
                Language = Blank(Cell("language")),
                Status = Blank(Cell("status")),
                Legal = Flag(Cell("legal"), "legal", line, errors),
                CrisisSafe = Flag(Cell("crisissafe"), "crisisSafe", line, errors),
                Owner = Blank(Cell("owner")),
            }));
        }

        return new AnswerImportFile(rows, errors);
    }

    /// <summary>Undoes <see cref="AnswerExport"/>'s guard against spreadsheet formulas.</summary>
    internal static string? Unescape(string? cell) =>
        cell is { Length: > 1 } && cell[0] == '\'' && AnswerExport.FormulaStarts.Contains(cell[1]) ? cell[1..] : cell;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static List<string>? List(string? cell) =>
        cell is null ? null : [.. cell.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static bool? Flag(string? cell, string column, int line, List<ImportError> errors)
    {
        switch (cell?.Trim().ToLowerInvariant())
        {
            case null or "" or "false" or "no" or "0":
                return false;
            case "true" or "yes" or "1":
                return true;
            default:
                errors.Add(new ImportError(line, column, $"\"{cell}\" is not yes or no (true or false)."));
                return null;
        }
    }

    /// <summary>"order.number=your order; days" → order.number with a default, days without.</summary>
    private static Dictionary<string, string?>? Placeholders(string? cell, int line, List<ImportError> errors)
    {
        if (string.IsNullOrWhiteSpace(cell))
        {
            return null;
        }

        var placeholders = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var part in cell.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var at = part.IndexOf('=', StringComparison.Ordinal);
            var name = (at < 0 ? part : part[..at]).Trim();
            if (!placeholders.TryAdd(name, at < 0 ? null : part[(at + 1)..].Trim()))
            {
                errors.Add(new ImportError(line, "placeholders", $"{{{name}}} is declared twice."));
            }
        }

        return placeholders;
    }

    /// <summary>Line numbers of byte offsets (1-based), by binary search over the line starts.</summary>
    private sealed class LineIndex
    {
        private readonly List<long> _starts = [0];

        public LineIndex(byte[] utf8)
        {
            for (var i = 0; i < utf8.Length; i++)
            {
                if (utf8[i] == (byte)'\n')
                {
                    _starts.Add(i + 1);
                }
            }
        }

        public int At(long offset)
        {
            var found = _starts.BinarySearch(offset);
            return (found >= 0 ? found : ~found - 1) + 1;
        }
    }
}

/// <summary>An import file read into rows, with whatever could not be read (each with its line).</summary>
public sealed record AnswerImportFile(IReadOnlyList<ImportRow> Rows, IReadOnlyList<ImportError> Errors);

/// <summary>One answer read from an import file, with the line it starts on.</summary>
public sealed record ImportRow(int Line, AnswerDocument Answer);

/// <summary>A problem with one line of an import file.</summary>
/// <param name="Field">The column or property at fault, or null for the line as a whole.</param>
public sealed record ImportError(int Line, string? Field, string Message)
{
    public override string ToString() => Field is null ? $"Line {Line}: {Message}" : $"Line {Line}, {Field}: {Message}";
}
