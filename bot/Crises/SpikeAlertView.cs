namespace ChatOpsReply.Crises;

/// <param name="Status">What was decided, once someone did; null while the alert waits for an answer.</param>
public sealed record SpikeAlertView(string SpikeId, string Headline, string Sparkline, IReadOnlyList<string> Terms, IReadOnlyList<SpikeSample> Samples, string? Status)
{
    /// <summary>Whether the crisis team still has to answer it (its buttons are shown).</summary>
    public bool Open => Status is null;

    /// <summary>The crisis declared on the spike while it is declared: the alert offers to resolve it.</summary>
    public string? DeclaredCrisisId { get; init; }

    /// <summary>Where the declared crisis's holding statement stands, and how its sending went; null while it has none.</summary>
    public string? Holding { get; init; }

    /// <summary>The holding statement waiting for approval (its id), while one does.</summary>
    public string? HoldingAwaiting { get; init; }

    /// <summary>Whether a holding statement may be chosen now: the crisis is declared and has none, or had one rejected.</summary>
    public bool MayChooseHolding => DeclaredCrisisId is not null && HoldingAwaiting is null && (Holding is null || Rejected);

    public bool Rejected { get; init; }
}
