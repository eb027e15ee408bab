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
/// an audit INSERT and two outbox INSERTs) with no workflow around them.
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

        var ours = await MeasureAsync(async (worker, n) =>
        {
            var trigger = n % 2 == 0 ? PostTrigger.Claim : PostTrigger.Release;
            var outcome = await handler.HandleAsync(new PostCommand(postIds[worker], trigger, alice, "bench", $"bench:{worker}:{n}"), cancellationToken);
            if (outcome.Outcome != CommandOutcome.Applied)
            {
                throw new InvalidOperationException($"{trigger} was not applied: {outcome.Message}");
            }
        });

        var ceiling = await MeasureCeilingAsync(host.DatabasePath, postIds);
        return
        [
            new BenchResult("transitions/s", "ops/s", ours, ceiling, HigherIsBetter: true, "≥ 25% of bare SQLite", ours >= ceiling * 0.25),
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
        return await MeasureAsync(async (worker, n) =>
        {
            await using var c = new SqliteConnection(connectionString);
            await c.OpenAsync();
            await using var tx = (SqliteTransaction)await c.BeginTransactionAsync();
            await using var update = c.CreateCommand();
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
                await using var insert = c.CreateCommand();
                insert.Transaction = tx;
                insert.CommandText = sql;
                insert.Parameters.AddWithValue("$id", postIds[worker]);
                insert.Parameters.AddWithValue("$n", n);
                insert.Parameters.AddWithValue("$body", body);
                await insert.ExecuteNonQueryAsync();
            }

            await tx.CommitAsync();
        });
    }

    private static async Task<double> MeasureAsync(Func<int, int, Task> operation) =>
        (await Throughput.MeasureAsync(Workers, Duration, operation)).PerSecond;
}
