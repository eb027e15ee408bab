using ChatOpsReply.Library;

namespace ChatOpsReply.Storage;

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
