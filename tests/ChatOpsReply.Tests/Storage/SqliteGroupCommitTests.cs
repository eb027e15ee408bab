using ChatOpsReply.Storage;
using ChatOpsReply.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Tests.Storage;

/// <summary>
/// Writes that wait for the writer together are committed together: each caller is answered
/// only once its write is committed (readable from any other connection), and a write that fails
/// or undoes itself takes back its own statements and nobody else's.
/// </summary>
public sealed class SqliteGroupCommitTests : IDisposable
{
    private const int Waiting = 20;
    private readonly string _folder = Directory.CreateTempSubdirectory("chatopsreply-group-").FullName;
    private readonly SqliteDatabase _database;

    public SqliteGroupCommitTests()
    {
        _database = new SqliteDatabase(Options.Create(new StorageOptions { Sqlite = new SqliteStoreOptions { Path = Path.Combine(_folder, "store.db") } }));
    }

    public void Dispose()
    {
        _database.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Writes_that_waited_together_share_one_commit_and_each_is_answered_only_once_it_is_committed()
    {
        await CreateNotesAsync();
        var (release, first) = await HoldTheWriterAsync();
        var transactions = new SqliteTransaction[Waiting];
        var writes = Enumerable.Range(0, Waiting).Select(async i =>
        {
            await _database.WriteAsync(async w =>
            {
                transactions[i] = w.Transaction;
                return await w.ExecuteAsync("INSERT INTO notes (n) VALUES ($n)", default, ("$n", i));
            }, default);
            // Answered: another connection must see the row now.
            return await CountAsync($"n = {i}");
        }).ToList();

        release.SetResult();
        await first;
        var seen = await Task.WhenAll(writes);

        Assert.All(seen, count => Assert.Equal(1, count));
        Assert.Single(transactions.Distinct());
        Assert.Equal(Waiting + 1, await CountAsync("1 = 1"));
    }

    [Fact]
    public async Task A_write_that_fails_or_undoes_itself_in_a_group_takes_back_only_its_own_statements()
    {
        await CreateNotesAsync();
        var (release, first) = await HoldTheWriterAsync();
        var writes = Enumerable.Range(0, Waiting).Select(i => _database.WriteAsync(async w =>
        {
            await w.ExecuteAsync("INSERT INTO notes (n) VALUES ($n)", default, ("$n", i));
            await w.ExecuteAsync("INSERT INTO notes (n) VALUES ($n)", default, ("$n", i + 1000));
            if (i == 5)
            {
                throw new InvalidOperationException("a bug in write 5");
            }

            if (i == 6)
            {
                w.Undo();
            }

            return i;
        }, default)).ToList();

        release.SetResult();
        await first;

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => writes[5]);
        Assert.Equal("a bug in write 5", failure.Message);
        Assert.Equal(6, await writes[6]);
        var others = await Task.WhenAll(writes.Where((_, i) => i is not (5 or 6)));
        Assert.Equal(Enumerable.Range(0, Waiting).Where(i => i is not (5 or 6)), others);
        Assert.Equal(0, await CountAsync("n IN (5, 6, 1005, 1006)"));
        Assert.Equal(((Waiting - 2) * 2) + 1, await CountAsync("1 = 1"));
    }

    [Fact]
    public async Task A_write_given_up_on_before_its_turn_is_never_written()
    {
        await CreateNotesAsync();
        var (release, first) = await HoldTheWriterAsync();
        using var cancel = new CancellationTokenSource();
        var given = _database.WriteAsync(w => w.ExecuteAsync("INSERT INTO notes (n) VALUES (7)", default), cancel.Token);
        var kept = _database.WriteAsync(w => w.ExecuteAsync("INSERT INTO notes (n) VALUES (8)", default), default);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => given);
        release.SetResult();
        await first;
        await kept;

        Assert.Equal((0, 1), (await CountAsync("n = 7"), await CountAsync("n = 8")));
    }

    [Fact]
    public async Task A_write_made_from_inside_another_is_refused_as_the_bug_it_is()
    {
        await CreateNotesAsync();

        var nested = await Assert.ThrowsAsync<InvalidOperationException>(() => _database.WriteAsync(
            async _ => await _database.WriteAsync(w => w.ExecuteAsync("INSERT INTO notes (n) VALUES (1)", default), default),
            default));

        Assert.Contains("from inside another", nested.Message, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync("1 = 1"));
    }

    [Fact]
    public async Task A_statement_run_again_while_its_first_run_is_still_being_read_answers_each_run_with_its_own_rows()
    {
        await CreateNotesAsync();
        await _database.WriteAsync(w => w.ExecuteAsync("INSERT INTO notes (n) VALUES (1), (2), (3)", default), default);
        const string Above = "SELECT n FROM notes WHERE n > $min ORDER BY n";

        var pairs = await _database.WriteAsync(async w =>
        {
            var seen = new List<(long Outer, long Inner)>();
            await using var outer = w.Command(Above, ("$min", 0));
            await using var rows = await outer.ExecuteReaderAsync(default);
            while (await rows.ReadAsync())
            {
                // The same SQL while the first run's reader is open: it must not rebind that run's statement.
                var inner = await w.ScalarAsync(Above, default, ("$min", rows.GetInt64(0)));
                seen.Add((rows.GetInt64(0), inner is null ? 0 : SqliteCommands.ToLong(inner)));
            }

            return seen;
        }, default);

        Assert.Equal([(1L, 2L), (2L, 3L), (3L, 0L)], pairs);
    }

    [Fact]
    public async Task A_kept_statement_still_runs_after_the_table_it_writes_has_changed()
    {
        await CreateNotesAsync();
        const string Insert = "INSERT INTO notes (n) VALUES ($n)";
        await _database.WriteAsync(w => w.ExecuteAsync(Insert, default, ("$n", 1)), default);

        await _database.RunAsync(c => c.ExecuteAsync("ALTER TABLE notes ADD COLUMN said TEXT NOT NULL DEFAULT 'yes'", null, default), default);
        await _database.WriteAsync(w => w.ExecuteAsync(Insert, default, ("$n", 2)), default);

        Assert.Equal(2, await CountAsync("said = 'yes'"));
    }

    [Fact]
    public async Task After_a_whole_group_fails_because_the_file_is_locked_the_next_writes_are_committed()
    {
        using var database = new SqliteDatabase(Options.Create(new StorageOptions { Sqlite = new SqliteStoreOptions { Path = Path.Combine(_folder, "locked.db"), BusyTimeoutSeconds = 1 } }));
        await database.RunAsync(c => c.ExecuteAsync("CREATE TABLE notes (n INTEGER NOT NULL)", null, default), default);
        await database.WriteAsync(w => w.ExecuteAsync("INSERT INTO notes (n) VALUES (1)", default), default);

        // Another process holding the write lock: the group's statements find the file busy.
        await using (var other = new SqliteConnection($"Data Source={Path.Combine(_folder, "locked.db")};Pooling=False"))
        {
            await other.OpenAsync();
            await other.ExecuteAsync("BEGIN IMMEDIATE", null, default);
            await Assert.ThrowsAsync<ChatOpsReply.Posts.StoreUnavailableException>(() => database.WriteAsync(w => w.ExecuteAsync("INSERT INTO notes (n) VALUES (2)", default), default));
            await other.ExecuteAsync("ROLLBACK", null, default);
        }

        await database.WriteAsync(w => w.ExecuteAsync("INSERT INTO notes (n) VALUES (3)", default), default);
        var stored = await database.ReadAsync(
            async c => (SqliteCommands.ToLong(await c.ScalarAsync("SELECT COUNT(*) FROM notes WHERE n = 2", null, default)), SqliteCommands.ToLong(await c.ScalarAsync("SELECT COUNT(*) FROM notes WHERE n = 3", null, default))),
            default);
        Assert.Equal((0L, 1L), stored);
    }

    private Task<int> CreateNotesAsync() =>
        _database.RunAsync(c => c.ExecuteAsync("CREATE TABLE notes (n INTEGER NOT NULL)", null, default), default);

    /// <summary>A write that holds the writer's turn until released, so the writes started meanwhile wait together.</summary>
    private async Task<(TaskCompletionSource Release, Task First)> HoldTheWriterAsync()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = _database.WriteAsync(async w =>
        {
            holding.SetResult();
            await release.Task;
            return await w.ExecuteAsync("INSERT INTO notes (n) VALUES (-1)", default);
        }, default);
        await holding.Task;
        return (release, first);
    }

    private Task<long> CountAsync(string where) =>
        _database.ReadAsync(async c => SqliteCommands.ToLong(await c.ScalarAsync($"SELECT COUNT(*) FROM notes WHERE {where}", null, default)), default);
}
