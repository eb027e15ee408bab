namespace ChatOpsReply.Library.Model;

/// <summary>Who of legal approved an answer's text, and when.</summary>
public sealed record LegalApproval(string By, DateTimeOffset At);
