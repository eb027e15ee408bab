using System.Globalization;
using System.Text.Json;
using System.Text;
using ChatOpsReply.Library.Model;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatOpsReply.Library.ImportExport;

/// <summary>
/// Writes the library as JSON or CSV, every answer with its current version, approval and
/// usage, in id order. Importing the file elsewhere recreates the same answers.
/// </summary>
public static class AnswerExport
{
    public static readonly string[] CsvColumns =
    [
        "id", "title", "body", "tags", "queues", "sources", "language", "status", "legal", "placeholders", "owner",
        "version", "approvedBy", "approvedAt", "legalApprovedBy", "legalApprovedAt", "changedBy", "changedAt", "usageCount", "lastUsedAt", "crisisSafe",
    ];

    /// <summary>First characters a spreadsheet would take as the start of a formula.</summary>
    internal static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    public static byte[] Json(IEnumerable<CannedAnswer> answers, IReadOnlyDictionary<string, AnswerUsage> usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        return JsonSerializer.SerializeToUtf8Bytes(Documents(answers, usage), LibraryJson.Default.ListAnswerDocument);
    }

    public static byte[] Csv(IEnumerable<CannedAnswer> answers, IReadOnlyDictionary<string, AnswerUsage> usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, new CsvWriterOptions(), leaveOpen: true))
        {
            csv.WriteRecord(CsvColumns);
            foreach (var d in Documents(answers, usage))
            {
                string?[] cells =
                [
                    d.Id, d.Title, d.Body, Join(d.Tags), Join(d.Queues), Join(d.Sources), d.Language, d.Status, d.Legal == true ? "true" : "false",
                    string.Join("; ", (d.Placeholders ?? new Dictionary<string, string?>()).Select(p => p.Value is null ? p.Key : $"{p.Key}={p.Value}")),
                    d.Owner, d.Version?.ToString(CultureInfo.InvariantCulture), d.ApprovedBy, Time(d.ApprovedAt), d.LegalApprovedBy, Time(d.LegalApprovedAt),
                    d.ChangedBy, Time(d.ChangedAt), d.UsageCount?.ToString(CultureInfo.InvariantCulture), Time(d.LastUsedAt), d.CrisisSafe == true ? "true" : "false",
                ];
                csv.WriteRecord([.. cells.Select(c => Escape(c) ?? "")]);
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>The whole library as a file to download, answers.csv or answers.json: what the API and the console give.</summary>
    public static async Task<FileContentHttpResult> DownloadAsync(ICannedAnswerStore store, bool csv, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var answers = (await store.ChangesSinceAsync(0, cancellationToken).ConfigureAwait(false)).Answers;
        var usage = await store.UsageAsync(cancellationToken).ConfigureAwait(false);
        return csv
            ? TypedResults.File(Csv(answers, usage), "text/csv; charset=utf-8", "answers.csv")
            : TypedResults.File(Json(answers, usage), "application/json; charset=utf-8", "answers.json");
    }

    private static List<AnswerDocument> Documents(IEnumerable<CannedAnswer> answers, IReadOnlyDictionary<string, AnswerUsage> usage) =>
        [.. answers.OrderBy(a => a.Id, StringComparer.Ordinal).Select(a => AnswerDocument.Of(a, usage.GetValueOrDefault(a.Id)))];

    private static string Join(IReadOnlyList<string>? values) => values is null ? "" : string.Join("; ", values);

    private static string? Time(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    /// <summary>OWASP's advice against CSV injection: a cell a spreadsheet would run as a formula starts with a quote.</summary>
    internal static string? Escape(string? cell) => cell is { Length: > 0 } && FormulaStarts.Contains(cell[0]) ? "'" + cell : cell;
}
