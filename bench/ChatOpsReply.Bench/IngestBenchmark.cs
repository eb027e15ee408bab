using System.Globalization;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Bench;

/// <summary>
/// Signed customer posts through the real <c>POST /api/posts</c> of the service running as its own
/// process, from a load generator in another process with a fixed number of connections, each
/// sending its next post when the last was answered. Beside it, in the same run, the same load on
/// <see cref="IngestCeiling"/>: the same HMAC, the same bytes written once to the same store with
/// the same durability. Ours and the ceiling take turns and the best round of each counts. On
/// SQLite it also fills a fresh service with 100,000 open posts, then measures its memory and
/// ingests again at that size.
/// </summary>
/// <param name="provider">"Sqlite", or "Redis" (a private redis-server with appendfsync always).</param>
internal sealed class IngestBenchmark(string provider) : IBenchmark
{
    private const int Connections = 32;
    private const int Rounds = 3;
    private const int FullStore = 100_000;
    private const string Secret = "bench-webhook-secret";
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(8);

    private bool OnRedis => provider == "Redis";

    public string Name => OnRedis ? "ingest-redis" : "ingest";

    public string Description => $"{Connections} connections; {Rounds} rounds of {Duration.TotalSeconds:0} s of ours, then of the ceiling; best of each{(OnRedis ? "" : $"; then {FullStore:N0} posts")}";

    public async Task<IReadOnlyList<BenchResult>> RunAsync(CancellationToken cancellationToken)
    {
        using var redis = OnRedis ? RedisServer.Start(durable: true) : null;
        var folder = Directory.CreateTempSubdirectory("chatopsreply-bench-ceiling-").FullName;
        try
        {
            using var service = await ServiceProcess.StartAsync(Settings(redis), cancellationToken);
            await using var ceiling = redis is null ? await IngestCeiling.OnSqliteAsync(folder, Secret) : await IngestCeiling.OnRedisAsync(redis.Configuration, Secret);
            var ours = service.Url + "/api/posts";

            await LoadAsync(ours, "warm", TimeSpan.FromSeconds(2), cancellationToken);
            await LoadAsync(ceiling.Url, "warm", TimeSpan.FromSeconds(2), cancellationToken);
            Round? bestRound = null, bestCeilingRound = null;
            for (var round = 0; round < Rounds; round++)
            {
                bestRound = Round.Better(bestRound, await RoundAsync(ours, $"round{round}", "service", () => service.ProcessorTime, redis, cancellationToken));
                // The ceiling serves from this process, which does nothing else meanwhile (the load comes from another).
                bestCeilingRound = Round.Better(bestCeilingRound, await RoundAsync(ceiling.Url, $"round{round}", "endpoint", BenchProcessorTime, redis, cancellationToken));
            }

            var (best, bestCeiling) = (bestRound!.Load, bestCeilingRound!.Load);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ours {best.PerSecond:0}/s p50 {best.P50:0.0} ms p99 {best.P99:0.0} ms; {bestRound.Cpu}; ceiling {bestCeiling.PerSecond:0}/s p50 {bestCeiling.P50:0.0} ms p99 {bestCeiling.P99:0.0} ms; {bestCeilingRound.Cpu}"));
            List<BenchResult> results =
            [
                new($"posts/s, {Connections} connections", "posts/s", best.PerSecond, bestCeiling.PerSecond, HigherIsBetter: true, "≥ 50% of the ceiling", best.PerSecond >= bestCeiling.PerSecond * 0.5),
                new($"p99, {Connections} connections", "ms", best.P99, bestCeiling.P99, HigherIsBetter: false, "< 25 ms", best.P99 < 25),
                new($"p50, {Connections} connections", "ms", best.P50, bestCeiling.P50, HigherIsBetter: false, "–", true),
            ];
            if (redis is null)
            {
                results.AddRange(await FullStoreAsync(ceiling.Url, bestCeiling, cancellationToken));
            }

            return results;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A fresh service filled with <see cref="FullStore"/> open posts: its memory then, and ingest at that size.</summary>
    private static async Task<IReadOnlyList<BenchResult>> FullStoreAsync(string ceilingUrl, IngestLoadResult ceiling, CancellationToken cancellationToken)
    {
        using var service = await ServiceProcess.StartAsync(Settings(redis: null), cancellationToken);
        var ours = service.Url + "/api/posts";
        await IngestLoadResult.RunAsync(ours, Secret, Connections, "count:1000", "first", cancellationToken);
        var fresh = service.ResidentBytes;
        await IngestLoadResult.RunAsync(ours, Secret, Connections, $"count:{FullStore - 1000}", "fill", cancellationToken);
        var full = service.ResidentBytes;
        var atSize = await LoadAsync(ours, "full", Duration, cancellationToken);
        var afterwards = await LoadAsync(ceilingUrl, "full", Duration, cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  with {FullStore:N0} posts: RSS {full / 1e6:0} MB (fresh: {fresh / 1e6:0} MB); ours {atSize.PerSecond:0}/s p99 {atSize.P99:0.0} ms; ceiling {afterwards.PerSecond:0}/s p99 {afterwards.P99:0.0} ms"));
        var ceilingRate = Math.Max(ceiling.PerSecond, afterwards.PerSecond);
        return
        [
            new($"RSS with {FullStore:N0} open posts (ceiling: the same service with 1,000)", "MB", full / 1e6, fresh / 1e6, HigherIsBetter: false, "< 250 MB", full < 250e6),
            new($"posts/s with {FullStore:N0} stored", "posts/s", atSize.PerSecond, ceilingRate, HigherIsBetter: true, "≥ 50% of the ceiling", atSize.PerSecond >= ceilingRate * 0.5),
            new($"p99 with {FullStore:N0} stored", "ms", atSize.P99, afterwards.P99, HigherIsBetter: false, "< 25 ms", atSize.P99 < 25),
        ];
    }

    private static TimeSpan BenchProcessorTime()
    {
        using var bench = System.Diagnostics.Process.GetCurrentProcess();
        return bench.TotalProcessorTime;
    }

    private static Dictionary<string, string> Settings(RedisServer? redis)
    {
        var settings = new Dictionary<string, string> { ["Sources:Generic:Secret"] = Secret };
        if (redis is not null)
        {
            settings["Storage:Provider"] = "Redis";
            settings["Storage:Redis:Configuration"] = redis.Configuration;
        }

        return settings;
    }

    private static Task<IngestLoadResult> LoadAsync(string url, string prefix, TimeSpan duration, CancellationToken cancellationToken) =>
        IngestLoadResult.RunAsync(url, Secret, Connections, duration.TotalSeconds.ToString(CultureInfo.InvariantCulture), $"{prefix}-{Guid.NewGuid():N}", cancellationToken);

    /// <summary>
    /// One round of load on <paramref name="url"/>, and where a post's time went: the serving process's own CPU,
    /// the load generator's, and Redis's (its one thread, and an append-only rewrite's child).
    /// </summary>
    private static async Task<Round> RoundAsync(string url, string prefix, string server, Func<TimeSpan> serverCpu, RedisServer? redis, CancellationToken cancellationToken)
    {
        var (serverBefore, redisBefore) = (serverCpu(), redis?.ProcessorTime() ?? default);
        var load = await LoadAsync(url, prefix, Duration, cancellationToken);
        double PerPost(TimeSpan cpu) => cpu.TotalMicroseconds / load.Count;
        var cpu = string.Create(CultureInfo.InvariantCulture, $"CPU a post: {server} {PerPost(serverCpu() - serverBefore):0} µs, load {PerPost(TimeSpan.FromSeconds(load.LoadCpuSeconds)):0} µs");
        if (redis?.ProcessorTime() is { } redisAfter)
        {
            // Apart, since an append-only rewrite runs in a child on the other core and grows with what was written.
            cpu += string.Create(CultureInfo.InvariantCulture, $", redis-server {PerPost(redisAfter.Server - redisBefore.Server):0} µs + {PerPost(redisAfter.Children - redisBefore.Children):0} µs rewriting its append-only file");
        }

        return new Round(load, cpu);
    }

    /// <summary>A round's load and the CPU line that goes with it, so the best round is printed with its own.</summary>
    private sealed record Round(IngestLoadResult Load, string Cpu)
    {
        public static Round Better(Round? best, Round next) => best is null || next.Load.PerSecond > best.Load.PerSecond ? next : best;
    }
}
