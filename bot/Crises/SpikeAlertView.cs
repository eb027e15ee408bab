namespace ChatOpsReply.Crises;

/// <param name="Status">What was decided, once someone did; null while the alert waits for an answer.</param>
public sealed record SpikeAlertView(string SpikeId, string Headline, string Sparkline, IReadOnlyList<string> Terms, IReadOnlyList<SpikeSample> Samples, string? Status)
{
    /// <summary>Whether the crisis team still has to answer it (its buttons are shown).</summary>
    public bool Open => Status is null;

    /// <summary>The crisis declared on the spike while it is declared: the alert offers to resolve it.</summary>
    public string? DeclaredCrisisId { get; init; }
}
