using System.Diagnostics;
using System.Globalization;
using ChatOpsReply.Accountability;
using ChatOpsReply.Posts;
using ChatOpsReply.Sources;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsReply.Bench;

/// <summary>
/// Transitions per second through the command handler on the embedded SQLite store, with
/// several workers each working its own post (claim, release, claim, …). The ceiling is the
/// same file doing bare transactions of the same shape (an UPDATE with its version check,
/// an audit INSERT and two outbox INSERTs) with no workflow around them, one transaction and so
/// one fsync per transition, on one connection taken in turn (SQLite's fastest way with one
/// writer: writers that find the file locked sleep in the busy handler instead). Ours commits
/// concurrent transitions together, so it can pass this ceiling; the CPU each transition costs
/// us is printed beside it.
/// </summary>
internal sealed class SqliteTransitionsBenchmark : IBenchmark
{
    private const int Workers = 8;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(5);

    public string Name => "sqlite-transitions";

    public string Description => $"{Workers} workers, {Duration.TotalSeconds:0} s each side";

    public async Task<IReadOnlyList<BenchResult>> RunAsync(CancellationToken cancellationToken)
    {
        using var host = new BenchHost(new Dictionary<string, string?> { ["Sources:Generic:Secret"] = "bench" });
        var intake = host.Services.GetRequiredService<PostIntake>();
        var handler = host.Services.GetRequiredService<PostCommandHandler>();
        var people = host.Services.GetRequiredService<AccountabilityPolicy>().People;
        var alice = people.Find("alice")!;
        var postIds = new List<string>();
        for (var i = 0; i < Workers; i++)
        {
            var result = await intake.ReceiveAsync(new IncomingPost("x", $"bench-{i}", null, new PostAuthor("@customer", "Casey"), "Where is my parcel?", null, null), cancellationToken);
            postIds.Add(result.PostId!);
        }

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var (ours, count) = await Throughput.MeasureAsync(Workers, Duration, async (worker, n) =>
        {
            var trigger = n % 2 == 0 ? PostTrigger.Claim : PostTrigger.Release;
            var outcome = await handler.HandleAsync(new PostCommand(postIds[worker], trigger, alice, "bench", $"bench:{worker}:{n}"), cancellationToken);
            if (outcome.Outcome != CommandOutcome.Applied)
            {
                throw new InvalidOperationException($"{trigger} was not applied: {outcome.Message}");
            }
        });

        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMicroseconds / (count + Throughput.WarmUp);
        var ceiling = await MeasureCeilingAsync(host.DatabasePath, postIds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  per transition: {cpu:0} µs of our CPU; ceiling {ceiling:0}/s"));
        return
        [
            new BenchResult("transitions/s", "ops/s", ours, ceiling, HigherIsBetter: true, "≥ 50% of bare SQLite", ours >= ceiling * 0.5),
        ];
    }

    private static readonly string[] SideEffects =
    [
        "INSERT INTO audit (post_id, at, body) VALUES ($id, $n, $body)",
        "INSERT INTO outbox (post_id, target, kind, created_at, due_at, body) VALUES ($id, 'console', 'ShowCard', $n, $n, $body)",
        "INSERT INTO outbox (post_id, target, kind, created_at, due_at, body) VALUES ($id, 'console', 'ThreadNote', $n, $n, $body)",
    ];

    private static async Task<double> MeasureCeilingAsync(string path, List<string> postIds)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
        var versions = new long[postIds.Count];
        for (var i = 0; i < versions.Length; i++)
        {
            await using var c = new SqliteConnection(connectionString);
            await c.OpenAsync();
            await using var read = c.CreateCommand();
            read.CommandText = "SELECT version FROM posts WHERE id = $id";
            read.Parameters.AddWithValue("$id", postIds[i]);
            versions[i] = (long)(await read.ExecuteScalarAsync())!;
        }

        var body = new string('x', 900);
        await using var writer = new SqliteConnection(connectionString);
        await writer.OpenAsync();
        await using (var durable = writer.CreateCommand())
        {
            // The store's durability: every commit fsynced.
            durable.CommandText = "PRAGMA synchronous = FULL;";
            await durable.ExecuteNonQueryAsync();
        }

        using var turn = new SemaphoreSlim(1, 1);
        return await MeasureAsync(async (worker, n) =>
        {
            await turn.WaitAsync();
            try
            {
                await using var tx = (SqliteTransaction)await writer.BeginTransactionAsync();
                await using var update = writer.CreateCommand();
                update.Transaction = tx;
                update.CommandText = "UPDATE posts SET version = $next, updated_at = $n WHERE id = $id AND version = $v";
                update.Parameters.AddWithValue("$next", versions[worker] + 1);
                update.Parameters.AddWithValue("$v", versions[worker]);
                update.Parameters.AddWithValue("$n", n);
                update.Parameters.AddWithValue("$id", postIds[worker]);
                if (await update.ExecuteNonQueryAsync() != 1)
                {
                    throw new InvalidOperationException("The ceiling lost its own version.");
                }

                versions[worker]++;
                foreach (var sql in SideEffects)
                {
                    await using var insert = writer.CreateCommand();
                    insert.Transaction = tx;
                    insert.CommandText = sql;
                    insert.Parameters.AddWithValue("$id", postIds[worker]);
                    insert.Parameters.AddWithValue("$n", n);
                    insert.Parameters.AddWithValue("$body", body);
                    await insert.ExecuteNonQueryAsync();
                }

                await tx.CommitAsync();
            }
            finally
            {
                turn.Release();
            }
        });
    }

    private static async Task<double> MeasureAsync(Func<int, int, Task> operation) =>
        (await Throughput.MeasureAsync(Workers, Duration, operation)).PerSecond;
}
