namespace ChatOpsReply.Posts;

/// <summary>Which library answer a draft came from, and whether it was sent as approved.</summary>
/// <param name="Unmodified">True when only placeholders were filled in.</param>
/// <param name="LegalApproved">True when legal approved this version of the answer.</param>
public sealed record CannedAnswerUse(string AnswerId, int Version, bool Unmodified, bool LegalApproved);
