namespace ChatOpsReply.Bench;

/// <summary>One benchmark: it measures ours and, in the same run, a ceiling to compare with.</summary>
internal interface IBenchmark
{
    string Name { get; }

    string Description { get; }

    Task<IReadOnlyList<BenchResult>> RunAsync(CancellationToken cancellationToken);
}
