namespace ChatOpsReply.Crises;

/// <summary>Counts as a line of Unicode block characters, which every surface shows as they are.</summary>
public static class Sparkline
{
    private const string Blocks = "▁▂▃▄▅▆▇█";

    /// <summary>One block per count, scaled to the largest; an empty minute is the lowest block.</summary>
    public static string Of(IReadOnlyList<int> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var max = counts.Count == 0 ? 0 : counts.Max();
        return string.Concat(counts.Select(c => max == 0 ? Blocks[0] : Blocks[(int)Math.Round((double)Math.Max(c, 0) / max * (Blocks.Length - 1))]));
    }
}
