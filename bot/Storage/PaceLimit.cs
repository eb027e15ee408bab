namespace ChatOpsReply.Storage;

/// <summary>One post per <paramref name="Interval"/>, with bursts of up to <paramref name="Burst"/> after a quiet spell.</summary>
public sealed record PaceLimit(int Burst, TimeSpan Interval);
