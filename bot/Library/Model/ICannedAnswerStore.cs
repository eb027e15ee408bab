namespace ChatOpsReply.Library.Model;

/// <summary>
/// The approved-answer library: the current version of each answer, every version ever saved,
/// a change stamp other instances poll to keep their search index current, and usage.
/// Implementations throw <see cref="StoreUnavailableException"/> when the store cannot answer.
/// </summary>
public interface ICannedAnswerStore
{
    /// <summary>The current version, or null.</summary>
    Task<CannedAnswer?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>One version from the history, or null.</summary>
    Task<CannedAnswer?> GetVersionAsync(string id, int version, CancellationToken cancellationToken = default);

    /// <summary>Every version of the answer, oldest first.</summary>
    Task<IReadOnlyList<CannedAnswer>> HistoryAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the answers all or nothing. Each is saved only if the stored version is one less
    /// than its <see cref="CannedAnswer.Version"/> (none stored for version 1); the version is
    /// added to the history and the change stamp moves on.
    /// </summary>
    Task<AnswerSaveOutcome> SaveAsync(IReadOnlyList<CannedAnswer> answers, CancellationToken cancellationToken = default);

    /// <summary>
    /// The current version of every answer written after <paramref name="stamp"/> (0: all), and
    /// the stamp they bring the reader up to, read consistently: a later call with that stamp
    /// returns exactly what was written since.
    /// </summary>
    Task<AnswerChanges> ChangesSinceAsync(long stamp, CancellationToken cancellationToken = default);

    /// <summary>Records that a sent reply used an answer; once per (post, reply number). True the first time.</summary>
    Task<bool> RecordUseAsync(AnswerUse use, CancellationToken cancellationToken = default);

    /// <summary>How often each used answer was sent, and when last.</summary>
    Task<IReadOnlyDictionary<string, AnswerUsage>> UsageAsync(CancellationToken cancellationToken = default);
}

/// <summary>Answers written after a stamp, and the stamp to ask from next time.</summary>
public sealed record AnswerChanges(IReadOnlyList<CannedAnswer> Answers, long Stamp);

/// <summary>What a library write did: saved everything, or nothing because one answer had moved on.</summary>
/// <param name="ConflictingId">The answer whose stored version was not the expected one; null when saved.</param>
public sealed record AnswerSaveOutcome(string? ConflictingId)
{
    public static readonly AnswerSaveOutcome Saved = new((string?)null);

    public bool IsSaved => ConflictingId is null;
}

/// <summary>How many sent replies used an answer, and when the last one went out.</summary>
public sealed record AnswerUsage(long Count, DateTimeOffset? LastUsedAt)
{
    public static readonly AnswerUsage None = new(0, null);
}

/// <summary>A sent reply that used a library answer: reply <paramref name="ReplyNumber"/> (1-based) of the post.</summary>
public sealed record AnswerUse(string AnswerId, int Version, string PostId, int ReplyNumber, DateTimeOffset At);
