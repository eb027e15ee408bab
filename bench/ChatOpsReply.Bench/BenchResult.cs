namespace ChatOpsReply.Bench;

/// <summary>A figure of ours beside the ceiling measured in the same run, and the target it is held to.</summary>
/// <param name="HigherIsBetter">True for throughput, false for latency and time.</param>
internal sealed record BenchResult(string Metric, string Unit, double Ours, double Ceiling, bool HigherIsBetter, string Target, bool Met)
{
    /// <summary>Ours as a share of the ceiling (throughput) or the ceiling as a share of ours (latency).</summary>
    public double Ratio => HigherIsBetter ? Ours / Ceiling : Ceiling / Ours;
}
