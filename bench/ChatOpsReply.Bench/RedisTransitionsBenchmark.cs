using System.Diagnostics;
using System.Globalization;
using ChatOpsReply.Accountability;
using ChatOpsReply.Posts;
using ChatOpsReply.Sources;
using ChatOpsReply.Storage.Redis;
using ChatOpsReply.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace ChatOpsReply.Bench;

/// <summary>
/// Transitions per second through the command handler on Redis, with several workers each
/// working its own post (claim, release, claim, …) on a private redis-server. The ceiling is
/// what Redis itself must do for a transition, with nothing of ours around it: the same workers
/// each reading their post and running the same save script with the same arguments (serialized
/// once, ahead of the run), through the same client library. It used to be redis-benchmark's
/// PING rate divided by our round trips, which charged a transition nothing for the save
/// script's twenty-odd writes (70–90 µs of Redis's time against a microsecond for a PING, on
/// cores Redis shares with us): no implementation could come near it. That figure is still
/// printed, as what round trips alone would allow.
/// </summary>
internal sealed class RedisTransitionsBenchmark : IBenchmark
{
    private const int Workers = 8;
    private const int Rounds = 3;
    private const int PingsPerRound = 200_000;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(3);

    public string Name => "redis-transitions";

    public string Description => $"{Workers} workers; {Rounds} rounds of {Duration.TotalSeconds:0} s of ours, then of bare Redis, then redis-benchmark PING with {Workers} connections; best of each";

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

        var bare = await BareTransitions.PrepareAsync(host, intake, alice, cancellationToken);

        // Ours and the ceiling take turns, and the best of each counts, so a busy moment on a shared machine favours neither.
        var redisDatabase = host.Services.GetRequiredService<RedisDatabase>();
        var connection = await redisDatabase.ConnectionAsync();
        long operations = 0, transitions = 0;
        double cpu = 0, redisTime = 0, ours = 0, ceiling = 0, pings = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var operationsBefore = connection.OperationCount;
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var redisBefore = await RedisTimeExceptPingsAsync(redis.Port, cancellationToken);
            var measured = await Throughput.MeasureAsync(Workers, Duration, TransitionAsync);
            redisTime += await RedisTimeExceptPingsAsync(redis.Port, cancellationToken) - redisBefore;
            cpu += (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMicroseconds;
            // The redis-cli calls around the round are not ours: INFO counts itself, and our connection counted nothing of it.
            operations += connection.OperationCount - operationsBefore;
            transitions += measured.Count + Throughput.WarmUp;
            ours = Math.Max(ours, measured.PerSecond);
            ceiling = Math.Max(ceiling, (await Throughput.MeasureAsync(Workers, Duration, bare.TransitionAsync)).PerSecond);
            pings = Math.Max(pings, await RedisBenchmarkAsync(redis.Port, cancellationToken));
        }

        var roundTrips = (double)operations / transitions;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  per transition: {roundTrips:0.00} round trips, {cpu / transitions:0} µs of our CPU, {redisTime / transitions:0} µs of Redis's"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  redis-benchmark PING_MBULK, {Workers} connections: {pings:0} requests/s; ÷ {roundTrips:0.00} round trips = {pings / roundTrips:0} transitions/s if Redis did no work for them"));
        return
        [
            new BenchResult("transitions/s", "ops/s", ours, ceiling, HigherIsBetter: true, "≥ 50% of bare Redis", ours >= ceiling * 0.5),
        ];
    }

    /// <summary>
    /// The ceiling: per worker, a post of its own and the two changes a claim and a release make
    /// to it, serialized once. A transition is then the read a transition needs (the post's body)
    /// and the save script, with the version and a fresh command key filled in.
    /// </summary>
    private sealed class BareTransitions
    {
        private readonly IDatabase _db;
        private readonly RedisKeys _keys;
        private readonly (PostChange Change, string Body, string Audit, string AuditHash, string Outbox)[][] _changes;
        private readonly long[] _versions;
        private readonly int[] _done = new int[Workers];

        private BareTransitions(IDatabase db, RedisKeys keys, (PostChange, string, string, string, string)[][] changes, long[] versions)
        {
            _db = db;
            _keys = keys;
            _changes = changes;
            _versions = versions;
        }

        public static async Task<BareTransitions> PrepareAsync(BenchHost host, PostIntake intake, Person alice, CancellationToken cancellationToken)
        {
            var workflow = host.Services.GetRequiredService<PostWorkflow>();
            var transitions = host.Services.GetRequiredService<PostTransitions>();
            var store = host.Services.GetRequiredService<IPostStore>();
            var redis = host.Services.GetRequiredService<RedisDatabase>();
            var changes = new (PostChange, string, string, string, string)[Workers][];
            var versions = new long[Workers];
            for (var i = 0; i < Workers; i++)
            {
                var created = await intake.ReceiveAsync(new IncomingPost("x", $"ceiling-{i}", null, new PostAuthor("@customer", "Casey"), "Where is my parcel?", null, null), cancellationToken);
                var open = (await store.GetAsync(created.PostId!, cancellationToken))!;
                var claim = Change(workflow, transitions, open, new PostCommand(open.Id, PostTrigger.Claim, alice, "bench", null));
                var release = Change(workflow, transitions, claim.Post, new PostCommand(open.Id, PostTrigger.Release, alice, "bench", null));
                changes[i] = [Serialized(claim), Serialized(release)];
                versions[i] = open.Version;
            }

            return new BareTransitions((await redis.ConnectionAsync()).GetDatabase(), redis.Keys, changes, versions);
        }

        public async Task TransitionAsync(int worker, int _)
        {
            var n = _done[worker]++;
            var (change, body, audit, auditHash, outbox) = _changes[worker][n % 2];
            var version = _versions[worker];
            await _db.HashGetAsync(_keys.Post(change.Post.Id), "body");
            var arguments = RedisPostStore.ScriptArguments(_keys, change.Post with { Version = version + 1 }, body, audit, auditHash, outbox, change with { ExpectedVersion = version, CommandKey = $"ceiling:{worker}:{n}" }, unlessThreadActive: false);
            var saved = (string)(await RedisPostScripts.Save.EvaluateAsync(_db, arguments))!;
            if (saved != nameof(SaveOutcome.Saved))
            {
                throw new InvalidOperationException($"The ceiling's save was not applied: {saved}");
            }

            _versions[worker] = version + 1;
        }

        private static PostChange Change(PostWorkflow workflow, PostTransitions transitions, CustomerPost post, PostCommand command) =>
            transitions.Apply(post, command, workflow.Decide(post, command, WorkflowFacts.None).To, WorkflowFacts.None, DateTimeOffset.UtcNow);

        private static (PostChange, string, string, string, string) Serialized(PostChange change) =>
            (change, RedisPostStore.Serialize(change.Post), RedisPostStore.Serialize(change.Audit), AuditChain.ContentHash(change.Audit), RedisPostStore.Serialize(change.Outbox));
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
