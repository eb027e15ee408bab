namespace ChatOpsReply.Storage;

/// <summary>At most <paramref name="Max"/> calls in any <paramref name="Window"/>.</summary>
public sealed record PaceWindow(TimeSpan Window, int Max);
