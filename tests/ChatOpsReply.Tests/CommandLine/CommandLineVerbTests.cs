using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsReply.Tests.CommandLine;

/// <summary>The verbs as an administrator runs them: the service's own program, in its own process, on a store file.</summary>
public sealed class CommandLineVerbTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly string _folder = Directory.CreateTempSubdirectory("chatopsreply-verbs-").FullName;

    private string StorePath => Path.Combine(_folder, "store.db");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private Task<(int? ExitCode, string Output)> RunAsync(params string[] verb) =>
        ServiceProcess.RunUntilExitAsync([.. verb, $"--Storage:Sqlite:Path={StorePath}"], Timeout);

    /// <summary>Posts received through the store, each with its audit event, while <paramref name="during"/> runs (or <paramref name="count"/> of them first).</summary>
    private async Task<int> ReceivePostsAsync(int count, Func<Task>? during = null)
    {
        await using var services = StoreServices.Build(new Dictionary<string, string?> { ["Storage:Provider"] = "Sqlite", ["Storage:Sqlite:Path"] = StorePath });
        var store = services.GetRequiredService<IPostStore>();
        var received = 0;
        async Task Receive()
        {
            var post = TestPosts.New() with { Id = $"p{received}", ExternalId = $"e{received}", ThreadId = $"e{received}" };
            await store.CreateAsync(new NewPost(post, new AuditEvent(post.Id, post.ReceivedAt, "system", "ChatOpsReply", AuditAction.Received, null, post.State, "test", null, $"x e{received}"), []));
            received++;
        }

        while (received < count)
        {
            await Receive();
        }

        if (during is not null)
        {
            var work = during();
            while (!work.IsCompleted)
            {
                await Receive();
            }

            await work;
        }

        return received;
    }

    [Fact]
    public async Task An_unknown_verb_prints_the_usage_and_exits_non_zero()
    {
        var (exitCode, output) = await RunAsync("audit", "frobnicate");

        Assert.Equal(2, exitCode);
        Assert.Contains("Unknown command: audit frobnicate.", output, StringComparison.Ordinal);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_verify_says_intact_with_the_count_then_names_the_event_edited_by_hand()
    {
        await ReceivePostsAsync(3);

        var intact = await RunAsync("audit", "verify");
        var onePost = await RunAsync("audit", "verify", "p1");
        await using (var connection = new SqliteConnection($"Data Source={StorePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var edit = connection.CreateCommand();
            edit.CommandText = "DROP TRIGGER audit_no_update; UPDATE audit SET body = json_set(body, '$.ActorName', 'Mallory') WHERE post_id = 'p1'";
            await edit.ExecuteNonQueryAsync();
        }

        var broken = await RunAsync("audit", "verify");

        Assert.Equal((0, "intact: 3 audit events checked (every post's trail and the store-wide chain)."), (intact.ExitCode, intact.Output.Trim()));
        Assert.Equal((0, "intact: 1 audit events checked (post p1)."), (onePost.ExitCode, onePost.Output.Trim()));
        Assert.Equal(1, broken.ExitCode);
        Assert.StartsWith("broken: event 2 (post p1, Received at", broken.Output.Trim(), StringComparison.Ordinal);
        Assert.Contains("was changed after it was written", broken.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_verify_of_a_post_the_store_does_not_have_says_so_and_exits_non_zero()
    {
        await ReceivePostsAsync(1);

        var (exitCode, output) = await RunAsync("audit", "verify", "nope");

        Assert.Equal((1, "There is no audit event for post nope: no such post in this store."), (exitCode, output.Trim()));
    }

    [Fact]
    public async Task A_verb_with_a_bad_store_setting_names_the_key_and_exits_non_zero()
    {
        var (exitCode, output) = await RunAsync("audit", "verify", "--Storage:Sqlite:BusyTimeoutSeconds=0");

        Assert.Equal(1, exitCode);
        Assert.Contains("Storage:Sqlite:BusyTimeoutSeconds must be at least 1.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Customer_erase_reports_what_it_erased_and_the_trail_still_verifies()
    {
        await ReceivePostsAsync(3);

        var erased = await RunAsync("customer", "erase", "--source", "x", "--handle", "@ana");
        var verified = await RunAsync("audit", "verify");

        Assert.Equal(0, erased.ExitCode);
        Assert.StartsWith("Erased @ana on x: 3 post(s) with their follow-ups, 3 audit event(s)", erased.Output.Trim(), StringComparison.Ordinal);
        Assert.Equal((0, "intact: 6 audit events checked (every post's trail and the store-wide chain)."), (verified.ExitCode, verified.Output.Trim()));
    }

    [Fact]
    public async Task A_backup_taken_while_posts_arrive_is_a_consistent_store_that_verifies()
    {
        var backup = Path.Combine(_folder, "backups", "copy.db");
        (int? ExitCode, string Output) result = default;

        var received = await ReceivePostsAsync(50, async () => result = await RunAsync("backup", backup));
        var again = await RunAsync("backup", backup);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"backed up {StorePath} to {backup}", result.Output, StringComparison.Ordinal);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("exists already", again.Output, StringComparison.Ordinal);
        await using (var connection = new SqliteConnection($"Data Source={backup};Pooling=False;Mode=ReadOnly"))
        {
            await connection.OpenAsync();
            await using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", await check.ExecuteScalarAsync());
            check.CommandText = "SELECT (SELECT COUNT(*) FROM posts) = (SELECT COUNT(*) FROM audit)";
            Assert.Equal(1L, await check.ExecuteScalarAsync());
            check.CommandText = "SELECT COUNT(*) FROM posts";
            var copied = (long)(await check.ExecuteScalarAsync())!;
            Assert.InRange(copied, 50, received);
        }

        var verified = await ServiceProcess.RunUntilExitAsync(["audit", "verify", $"--Storage:Sqlite:Path={backup}"], Timeout);
        Assert.Equal(0, verified.ExitCode);
        Assert.StartsWith("intact:", verified.Output.Trim(), StringComparison.Ordinal);
    }
}
