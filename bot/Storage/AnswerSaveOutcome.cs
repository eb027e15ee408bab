namespace ChatOpsReply.Storage;

/// <summary>What a library write did: saved everything, or nothing because one answer had moved on.</summary>
/// <param name="ConflictingId">The answer whose stored version was not the expected one; null when saved.</param>
public sealed record AnswerSaveOutcome(string? ConflictingId)
{
    public static readonly AnswerSaveOutcome Saved = new((string?)null);

    public bool IsSaved => ConflictingId is null;
}
