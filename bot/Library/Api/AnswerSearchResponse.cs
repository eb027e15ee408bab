using ChatOpsReply.Library.Search;

namespace ChatOpsReply.Library.Api;

/// <summary>GET /api/answers: ranked answers, best first.</summary>
public sealed record AnswerSearchResponse(IReadOnlyList<AnswerSuggestion> Answers);
