using System.Globalization;

namespace ChatOpsReply.Bench;

/// <summary>Runs the named benchmarks (or all) and prints ours beside the ceiling measured in the same run.</summary>
internal static class BenchRunner
{
    public static async Task<int> Main(string[] args)
    {
        if (args.FirstOrDefault() == IngestLoad.Command)
        {
            return await IngestLoad.MainAsync(args[1..]);
        }

        IBenchmark[] benchmarks = [new SqliteTransitionsBenchmark(), new SlackInteractionsBenchmark(), new RedisTransitionsBenchmark(), new TeamsCardFitBenchmark(), new LibrarySearchBenchmark("Sqlite"), new LibrarySearchBenchmark("Redis"), new IngestBenchmark("Sqlite"), new IngestBenchmark("Redis"), new FiguresBenchmark("Sqlite"), new FiguresBenchmark("Redis"), new BurstBenchmark()];

        var wanted = args.Length == 0 || args.Contains("all") ? benchmarks : [.. benchmarks.Where(b => args.Contains(b.Name))];
        if (wanted.Length == 0)
        {
            Console.Error.WriteLine($"Unknown benchmark. Available: {string.Join(", ", benchmarks.Select(b => b.Name))}, all");
            return 2;
        }

        var results = new List<(IBenchmark Benchmark, BenchResult Result)>();
        foreach (var benchmark in wanted)
        {
            Console.WriteLine($"Running {benchmark.Name}: {benchmark.Description}");
            foreach (var result in await benchmark.RunAsync(CancellationToken.None))
            {
                results.Add((benchmark, result));
            }
        }

        Console.WriteLine();
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd}");
        Console.WriteLine();
        Console.WriteLine("| benchmark | metric | ours | ceiling (same run) | ratio | target | met |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var (benchmark, r) in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {benchmark.Name} | {r.Metric} | {r.Ours:0.##} {r.Unit} | {r.Ceiling:0.##} {r.Unit} | {r.Ratio:P0} | {r.Target} | {(r.Met ? "yes" : "NO")} |"));
        }

        return results.All(r => r.Result.Met) ? 0 : 1;
    }
}
