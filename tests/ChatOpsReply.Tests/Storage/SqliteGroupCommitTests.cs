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
