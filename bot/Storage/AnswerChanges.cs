using ChatOpsReply.Library;

namespace ChatOpsReply.Storage;

/// <summary>Answers written after a stamp, and the stamp to ask from next time.</summary>
public sealed record AnswerChanges(IReadOnlyList<CannedAnswer> Answers, long Stamp);
