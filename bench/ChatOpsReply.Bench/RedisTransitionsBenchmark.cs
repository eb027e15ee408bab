using System.Diagnostics;
using System.Globalization;
using ChatOpsReply.Accountability;
using ChatOpsReply.Posts;
using ChatOpsReply.Sources;
using ChatOpsReply.Storage.Redis;
using ChatOpsReply.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsReply.Bench;

/// <summary>
/// Transitions per second through the command handler on Redis, with several workers each
/// working its own post (claim, release, claim, …) on a private redis-server. The ceiling is
/// redis-benchmark on the same server in the same run, with as many connections as we have
/// workers: its requests per second divided by the round trips one transition makes (counted
/// on our connection during the run), i.e. what Redis could do if a transition cost nothing
/// but its round trips.
/// </summary>
internal sealed class RedisTransitionsBenchmark : IBenchmark
{
    private const int Workers = 8;
    private const int Rounds = 3;
    private const int PingsPerRound = 200_000;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(3);

    public string Name => "redis-transitions";

    public string Description => $"{Workers} workers; {Rounds} rounds of {Duration.TotalSeconds:0} s of ours, then redis-benchmark PING with {Workers} connections; best of each";

    public async Task<IReadOnlyList<BenchResult>> RunAsync(CancellationToken cancellationToken)
    {
        using var redis = RedisServer.Start(durable: false);
        using var host = new BenchHost(new Dictionary<string, string?>
        {
            ["Sources:Generic:Secret"] = "bench",
            ["Storage:Provider"] = "Redis",
            ["Storage:Redis:Configuration"] = redis.Configuration,
            ["Storage:Redis:KeyPrefix"] = "bench:",
        });
        var intake = host.Services.GetRequiredService<PostIntake>();
        var handler = host.Services.GetRequiredService<PostCommandHandler>();
        var alice = host.Services.GetRequiredService<AccountabilityPolicy>().People.Find("alice")!;
        var postIds = new List<string>();
        for (var i = 0; i < Workers; i++)
        {
            var result = await intake.ReceiveAsync(new IncomingPost("x", $"bench-{i}", null, new PostAuthor("@customer", "Casey"), "Where is my parcel?", null, null), cancellationToken);
            postIds.Add(result.PostId!);
        }

        // Each worker's own count: claim on even, release on odd, and a fresh command key every time.
        var done = new int[Workers];
        async Task TransitionAsync(int worker, int _)
        {
            var n = done[worker]++;
            var trigger = n % 2 == 0 ? PostTrigger.Claim : PostTrigger.Release;
            var outcome = await handler.HandleAsync(new PostCommand(postIds[worker], trigger, alice, "bench", $"bench:{worker}:{n}"), cancellationToken);
            if (outcome.Outcome != CommandOutcome.Applied)
            {
                throw new InvalidOperationException($"{trigger} was not applied: {outcome.Message}");
            }
        }

        // Ours and the ceiling take turns, and the best of each counts, so a busy moment on a shared machine favours neither.
        var connection = await host.Services.GetRequiredService<RedisDatabase>().ConnectionAsync();
        var operationsBefore = connection.OperationCount;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        double ours = 0, pings = 0;
        for (var round = 0; round < Rounds; round++)
        {
            ours = Math.Max(ours, (await Throughput.MeasureAsync(Workers, Duration, TransitionAsync)).PerSecond);
            pings = Math.Max(pings, await RedisBenchmarkAsync(redis.Port, cancellationToken));
        }

        var transitions = done.Sum();
        var roundTrips = (double)(connection.OperationCount - operationsBefore) / transitions;
        var cpuPerTransition = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMicroseconds / transitions;
        var ceiling = pings / roundTrips;
        var redisMicroseconds = await RedisTimeExceptPingsAsync(redis.Port, cancellationToken) / transitions;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  per transition: {roundTrips:0.00} round trips, {cpuPerTransition:0} µs of our CPU, {redisMicroseconds:0} µs of Redis's; redis-benchmark PING_MBULK, {Workers} connections: {pings:0} requests/s"));
        return
        [
            new BenchResult("transitions/s", "ops/s", ours, ceiling, HigherIsBetter: true, "≥ 40% of redis-benchmark", ours >= ceiling * 0.4),
        ];
    }

    /// <summary>Microseconds Redis spent on commands other than redis-benchmark's pings (INFO commandstats: usec=…).</summary>
    private static async Task<double> RedisTimeExceptPingsAsync(int port, CancellationToken cancellationToken)
    {
        var stats = await RunAsync("redis-cli", ["-p", port.ToString(CultureInfo.InvariantCulture), "info", "commandstats"], cancellationToken);
        return stats.Split('\n')
            .Where(line => line.StartsWith("cmdstat_", StringComparison.Ordinal) && !line.StartsWith("cmdstat_ping", StringComparison.Ordinal))
            .Sum(line => double.Parse(line.Split(',').First(part => part.StartsWith("usec=", StringComparison.Ordinal))[5..], CultureInfo.InvariantCulture));
    }

    /// <summary>Requests per second of redis-benchmark's PING (multi-bulk, as a client library sends) with one connection per worker.</summary>
    private static async Task<double> RedisBenchmarkAsync(int port, CancellationToken cancellationToken)
    {
        var output = await RunAsync(
            "redis-benchmark",
            ["-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-c", Workers.ToString(CultureInfo.InvariantCulture), "-n", PingsPerRound.ToString(CultureInfo.InvariantCulture), "-t", "ping_mbulk", "--csv"],
            cancellationToken);
        // --csv: a header line, then "PING_MBULK","<requests per second>",…
        var row = output.Split('\n').First(line => line.StartsWith("\"PING_MBULK\"", StringComparison.Ordinal));
        return double.Parse(row.Split(',')[1].Trim('"'), CultureInfo.InvariantCulture);
    }

    /// <summary>Runs one of the Redis tools (Debian package redis-tools, a dependency of redis-server) and returns what it printed.</summary>
    private static async Task<string> RunAsync(string tool, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start (apt-get install redis-server).");
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return output;
    }
}
