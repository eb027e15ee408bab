namespace ChatOpsReply.Library.Model;

/// <summary>
/// An answer as people and other systems exchange it: the JSON of the API and of import and
/// export files (CSV has the same columns). On the way in only the editable fields count;
/// the rest is written out for people to read.
/// </summary>
public sealed record AnswerDocument
{
    public string? Id { get; init; }

    /// <summary>In: the version being edited (for compare-and-set). Out: the current version.</summary>
    public int? Version { get; init; }

    public string? Title { get; init; }

    public string? Body { get; init; }

    /// <summary>Custom placeholders (and defaults of built-in ones): name → default, null for none.</summary>
    public IReadOnlyDictionary<string, string?>? Placeholders { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }

    public IReadOnlyList<string>? Queues { get; init; }

    public IReadOnlyList<string>? Sources { get; init; }

    public string? Language { get; init; }

    /// <summary>"draft", "approved" or "retired" (imports only; the API approves and retires with its own calls).</summary>
    public string? Status { get; init; }

    /// <summary>Marked legal: only legal may approve it.</summary>
    public bool? Legal { get; init; }

    /// <summary>Fit to be offered while a crisis is declared.</summary>
    public bool? CrisisSafe { get; init; }

    /// <summary>The person id accountable for the answer.</summary>
    public string? Owner { get; init; }

    public string? LegalApprovedBy { get; init; }

    public DateTimeOffset? LegalApprovedAt { get; init; }

    public string? ApprovedBy { get; init; }

    public DateTimeOffset? ApprovedAt { get; init; }

    public string? ChangedBy { get; init; }

    public DateTimeOffset? ChangedAt { get; init; }

    public string? Change { get; init; }

    public string? ProposedFrom { get; init; }

    public long? UsageCount { get; init; }

    public DateTimeOffset? LastUsedAt { get; init; }

    public static AnswerDocument Of(CannedAnswer answer, AnswerUsage? usage = null)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return new AnswerDocument
        {
            Id = answer.Id,
            Version = answer.Version,
            Title = answer.Title,
            Body = answer.Body,
            Placeholders = answer.Placeholders.ToDictionary(p => p.Name, p => p.Default, StringComparer.Ordinal),
            Tags = answer.Tags,
            Queues = answer.Queues,
            Sources = answer.Sources,
            Language = answer.Language,
            Status = StatusName(answer.Status),
            Legal = answer.NeedsLegal,
            CrisisSafe = answer.CrisisSafe,
            Owner = answer.Owner,
            LegalApprovedBy = answer.LegalApproval?.By,
            LegalApprovedAt = answer.LegalApproval?.At,
            ApprovedBy = answer.ApprovedBy,
            ApprovedAt = answer.ApprovedAt,
            ChangedBy = answer.ChangedBy,
            ChangedAt = answer.ChangedAt,
            Change = answer.Change,
            ProposedFrom = answer.ProposedFrom,
            UsageCount = usage?.Count ?? 0,
            LastUsedAt = usage?.LastUsedAt,
        };
    }

    /// <summary>A status as documents write it: "draft", "approved", "retired"; left out, a draft; null for anything else.</summary>
    public static AnswerStatus? ParseStatus(string? status) => status?.Trim().ToLowerInvariant() switch
    {
        null or "" or "draft" => AnswerStatus.Draft,
        "approved" => AnswerStatus.Approved,
        "retired" => AnswerStatus.Retired,
        _ => null,
    };

    public static string StatusName(AnswerStatus status) => status.ToString().ToLowerInvariant();
}
