using System.Diagnostics;
using System.Text.Json;
using ChatOpsReply.Accountability;
using ChatOpsReply.Demo;
using ChatOpsReply.Posts;
using ChatOpsReply.Posts.Figures;
using ChatOpsReply.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace ChatOpsReply.Bench;

/// <summary>
/// The figures page's computation over 100,000 posts received in one month, on one store
/// (SQLite, or a private redis-server): reading the period's posts and the breached ones' trails,
/// and computing every figure. The ceiling is a plain read of the same posts' stored bodies,
/// turned back into posts (what any computation from the store must do at least), with no
/// figures computed: the ratio shows what the figures cost on top of reading.
/// </summary>
/// <param name="provider">"Sqlite" or "Redis".</param>
internal sealed class FiguresBenchmark(string provider) : IBenchmark
{
    private const int Posts = 100_000;
    private const int Rounds = 3;

    private bool OnRedis => provider == "Redis";

    public string Name => OnRedis ? "figures-redis" : "figures";

    public string Description => $"{Posts:N0} posts in 30 days on {provider}, the 30 days' figures, best of {Rounds}";

    public async Task<IReadOnlyList<BenchResult>> RunAsync(CancellationToken cancellationToken)
    {
        using var redis = OnRedis ? RedisServer.Start(durable: false) : null;
        var settings = new Dictionary<string, string?>();
        if (redis is not null)
        {
            settings["Storage:Provider"] = "Redis";
            settings["Storage:Redis:Configuration"] = redis.Configuration;
        }

        using var host = new BenchHost(settings);
        var store = host.Services.GetRequiredService<IPostStore>();
        var policy = host.Services.GetRequiredService<AccountabilityPolicy>();
        var now = DateTimeOffset.UtcNow;
        var written = Stopwatch.StartNew();
        var ids = new List<string>(Posts);
        // Each post is stored as it ended, with its arrival and (when it missed a limit) its breach in
        // the trail: what the figures read, written in two steps instead of five to keep the setup short.
        var stories = DemoHistory.Stories(policy, now, days: 30, perWeekday: 4_200).Take(Posts).ToList();
        if (stories.Count < Posts)
        {
            throw new InvalidOperationException($"The history has {stories.Count} posts, fewer than {Posts}.");
        }

        foreach (var batch in stories.Chunk(64))
        {
            await Task.WhenAll(batch.Select(async story =>
            {
                var final = story.Changes.Count == 0 ? story.Post.Post : story.Changes[^1].Post with { Version = 1 };
                await store.CreateAsync(story.Post with { Post = final }, cancellationToken);
                if (story.Changes.FirstOrDefault(c => c.Audit.Action == AuditAction.SlaBreached) is { } breach)
                {
                    await store.SaveAsync(new PostChange(final with { Version = 2 }, 1, breach.Audit, []), cancellationToken);
                }
            }));
            ids.AddRange(batch.Select(s => s.Post.Post.Id));
        }

        Console.WriteLine($"  wrote {ids.Count:N0} posts in {written.Elapsed.TotalSeconds:0} s");
        var report = host.Services.GetRequiredService<FiguresReport>();
        var query = new FiguresQuery(now.AddDays(-31), now, TimeZoneInfo.Utc);
        var counted = 0;
        var ours = await BestAsync(async () => counted = (await report.ComputeAsync(query, cancellationToken)).Rows.Count);
        var history = host.Services.GetRequiredService<IPostHistory>();
        IReadOnlyList<CustomerPost> received = [];
        var reading = await BestAsync(async () => received = await history.ReceivedAsync(query.From, query.Before, cancellationToken));
        var breached = received.Where(p => p.SlaBreaches > 0).Select(p => p.Id).ToList();
        IReadOnlyDictionary<string, IReadOnlyList<AuditEvent>> trails = new Dictionary<string, IReadOnlyList<AuditEvent>>();
        var trailing = await BestAsync(async () => trails = await history.TrailsAsync(breached, cancellationToken));
        var computing = await BestAsync(() => Task.FromResult(report.Compute(query, received, trails, [], now)));
        var waiting = await BestAsync(() => store.ListAsync(new PostQuery { States = [PostState.AwaitingApproval], Limit = 1000 }, cancellationToken));
        var read = 0;
        var ceiling = OnRedis
            ? await BestAsync(async () => read = await ReadRedisAsync(redis!.Configuration, host.Services.GetRequiredService<ChatOpsReply.Storage.Redis.RedisDatabase>().Keys, ids))
            : await BestAsync(async () => read = await ReadSqliteAsync(host.DatabasePath, query));
        if (counted != ids.Count || read != ids.Count)
        {
            throw new InvalidOperationException($"The figures counted {counted} posts and the plain read {read}, of {ids.Count} written.");
        }

        Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"  figures {ours:0} ms, of which reading the period's posts through the store {reading:0} ms, the {breached.Count:N0} breached posts' trails {trailing:0} ms (read only for posts stored before breaches kept their tier), computing {computing:0} ms, the replies waiting for approval {waiting:0} ms; plain read {ceiling:0} ms"));
        return
        [
            new BenchResult($"30 days' figures over {Posts:N0} posts on {provider}", "ms", ours, ceiling, HigherIsBetter: false, "≤ 2 × the plain read", ours <= ceiling * 2),
        ];
    }

    private static async Task<double> BestAsync(Func<Task> work)
    {
        var best = double.MaxValue;
        for (var round = 0; round < Rounds; round++)
        {
            var started = Stopwatch.GetTimestamp();
            await work();
            best = Math.Min(best, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return best;
    }

    private static async Task<int> ReadSqliteAsync(string path, FiguresQuery query)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT body FROM posts WHERE received_at >= $from AND received_at < $before";
        command.Parameters.AddWithValue("$from", query.From.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$before", query.Before.ToUnixTimeMilliseconds());
        await using var reader = await command.ExecuteReaderAsync();
        var posts = new List<CustomerPost>();
        while (await reader.ReadAsync())
        {
            posts.Add(JsonSerializer.Deserialize(reader.GetString(0), ChatOpsReply.Storage.StoreJson.Default.CustomerPost)!);
        }

        return posts.Count;
    }

    private static async Task<int> ReadRedisAsync(string configuration, ChatOpsReply.Storage.Redis.RedisKeys keys, List<string> ids)
    {
        using var connection = await ConnectionMultiplexer.ConnectAsync(configuration);
        var db = connection.GetDatabase();
        var posts = new List<CustomerPost>(ids.Count);
        foreach (var chunk in ids.Chunk(1000))
        {
            var batch = db.CreateBatch();
            var reads = chunk.Select(id => batch.HashGetAsync(keys.Post(id), "body")).ToList();
            batch.Execute();
            posts.AddRange((await Task.WhenAll(reads)).Select(b => JsonSerializer.Deserialize((string)b!, ChatOpsReply.Storage.StoreJson.Default.CustomerPost)!));
        }

        return posts.Count;
    }
}
