namespace ChatOpsReply.Guidelines;

/// <summary>Whether a customer agreed to receive texts, and how we know.</summary>
public sealed record ConsentRecord(string Source, string Handle, bool OptedIn, DateTimeOffset At, string Evidence);
