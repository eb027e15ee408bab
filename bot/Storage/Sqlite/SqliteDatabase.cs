using System.Collections.Concurrent;
using ChatOpsReply.Posts;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Storage.Sqlite;

/// <summary>
/// Opens connections to the database file (WAL mode, so readers never wait for the writer),
/// creates and migrates the schema once, runs reads beside the writer and writes in group
/// commits, and turns "cannot answer now" failures into <see cref="StoreUnavailableException"/>.
/// </summary>
public sealed class SqliteDatabase : IDisposable
{
    // sqlite3.h result codes that mean "not now" rather than "bug".
    private const int Busy = 5;
    private const int Locked = 6;
    private const int NoMemory = 7;
    private const int ReadOnly = 8;
    private const int IoError = 10;
    private const int Full = 13;
    private const int CantOpen = 14;

    private readonly string _connectionString;
    private readonly string _path;
    private readonly SemaphoreSlim _migrate = new(1, 1);

    // The most writes one group commit takes, so a long queue is committed in bounded steps.
    private const int MaxGroup = 256;
    private const string SavepointSql = "SAVEPOINT write";
    private const string RollbackToSavepointSql = "ROLLBACK TO write";
    private const string ReleaseSavepointSql = "RELEASE write";

    // The writer's turn: one writer at a time in this process (reads run beside it). SQLite takes
    // one writer anyway; a second writer that finds the file locked waits in Microsoft.Data.Sqlite's
    // busy retry loop, which sleeps between attempts, so under load a queue of milliseconds became
    // one of seconds (bench: slack-interactions). Waiting here instead keeps the wait to the work
    // ahead of it, and lets whoever gets the turn commit everything waiting behind it (WriteAsync).
    private readonly SemaphoreSlim _turn = new(1, 1);

    // Writes waiting for a group commit, oldest first.
    private readonly ConcurrentQueue<PendingWrite> _pending = new();

    // Set while a write runs on this flow: a write made from inside another would wait for its own
    // turn forever, so it is refused as the bug it is.
    private readonly AsyncLocal<bool> _inTurn = new();
    private volatile bool _migrated;

    // The group commit's connection and its compiled statements, kept from one group to the next
    // (only the writer's turn touches them); dropped after a group fails, so the next opens afresh.
    private SqliteStatements? _writer;

    public SqliteDatabase(IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var sqlite = options.Value.Sqlite;
        _path = System.IO.Path.GetFullPath(sqlite.Path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = sqlite.BusyTimeoutSeconds,
        }.ToString();
    }

    public string Path => _path;

    /// <summary>Closes this database's pooled connections, so the file is released when the service stops.</summary>
    public void Dispose()
    {
        DropWriter();
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _migrate.Dispose();
        _turn.Dispose();
    }

    /// <summary>
    /// Runs <paramref name="work"/> alone in the writer's turn, on an open connection, mapping
    /// unavailability: for writes that take their own transaction.
    /// </summary>
    public Task<T> RunAsync<T>(Func<SqliteConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return MapFailuresAsync(async () =>
        {
            await EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
            RefuseNested();
            await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                _inTurn.Value = true;
                await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
                return await work(connection).ConfigureAwait(false);
            }
            finally
            {
                _inTurn.Value = false;
                _turn.Release();
            }
        });
    }

    public Task RunAsync(Func<SqliteConnection, Task> work, CancellationToken cancellationToken) =>
        RunAsync(async c =>
        {
            await work(c).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Runs a read on a connection of its own, beside the writer rather than after it: in WAL mode a
    /// reader sees the last commit and neither waits for the writer nor holds it up (sqlite.org/wal.html).
    /// </summary>
    public Task<T> ReadAsync<T>(Func<SqliteConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return MapFailuresAsync(async () =>
        {
            await EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            return await work(connection).ConfigureAwait(false);
        });
    }

    /// <summary>
    /// Runs a write in a group commit: writes that arrive while another group is being committed
    /// wait for the writer's turn together, and whichever gets it runs them all in one transaction,
    /// each in a savepoint of its own, and commits them with one fsync. Each caller has its answer
    /// only after that commit, so an acknowledged write is on disk as before; a write that fails or
    /// undoes itself takes back only its own statements.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteWrite, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return MapFailuresAsync(async () =>
        {
            await EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
            RefuseNested();
            var write = new PendingWrite<T>(work);
            _pending.Enqueue(write);
            var inTurn = false;
            try
            {
                await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
                inTurn = true;
            }
            catch (OperationCanceledException) when (write.TryWithdraw())
            {
                throw;
            }
            catch (OperationCanceledException)
            {
                // Another caller's group took this write already: its outcome follows.
            }

            if (inTurn)
            {
                try
                {
                    _inTurn.Value = true;
                    while (!write.IsTaken)
                    {
                        await CommitPendingAsync().ConfigureAwait(false);
                    }
                }
                finally
                {
                    _inTurn.Value = false;
                    _turn.Release();
                }
            }

            return await write.Outcome.ConfigureAwait(false);
        });
    }

    /// <summary>Takes the writes waiting now (up to <see cref="MaxGroup"/>), runs them in one transaction, and answers each after the commit.</summary>
    private async Task CommitPendingAsync()
    {
        var group = new List<PendingWrite>();
        while (group.Count < MaxGroup && _pending.TryDequeue(out var next))
        {
            if (next.TryTake())
            {
                group.Add(next);
            }
        }

        if (group.Count == 0)
        {
            return;
        }

        try
        {
            _writer ??= new SqliteStatements(await OpenAsync(CancellationToken.None).ConfigureAwait(false));
            await using var transaction = (SqliteTransaction)await _writer.Connection.BeginTransactionAsync(CancellationToken.None).ConfigureAwait(false);
            foreach (var write in group)
            {
                var step = new SqliteWrite(_writer, transaction);
                await step.ExecuteAsync(SavepointSql, CancellationToken.None).ConfigureAwait(false);
                try
                {
                    await write.RunAsync(step).ConfigureAwait(false);
                }
                catch (Exception e) when (!(e is SqliteException sqlite && IsUnavailable(sqlite)))
                {
                    // A bug or a cancelled caller: this write alone is taken back and fails.
                    write.Fail(e);
                    step.Undo();
                }

                if (step.Undone)
                {
                    await step.ExecuteAsync(RollbackToSavepointSql, CancellationToken.None).ConfigureAwait(false);
                }

                await step.ExecuteAsync(ReleaseSavepointSql, CancellationToken.None).ConfigureAwait(false);
            }

            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            DropWriter();
            // Nothing of the group was committed: every write in it fails, each with its own exception.
            foreach (var write in group)
            {
                write.Fail(e is SqliteException sqlite && IsUnavailable(sqlite) ? Unavailable(sqlite) : new InvalidOperationException("A group of SQLite writes failed; none was committed.", e));
            }
        }

        foreach (var write in group)
        {
            write.Publish();
        }
    }

    private void DropWriter()
    {
        _writer?.Dispose();
        _writer = null;
    }

    private void RefuseNested()
    {
        if (_inTurn.Value)
        {
            throw new InvalidOperationException("A SQLite store call was made from inside another; it would wait for itself forever.");
        }
    }

    /// <summary>
    /// A pooled connection, set to fsync every commit (sqlite.org/pragma.html#pragma_synchronous: FULL),
    /// so an acknowledged write survives a power cut. Its temporary files stay in memory
    /// (pragma.html#pragma_temp_store): each write of a group commit runs in a savepoint, whose
    /// statement journal otherwise spills past 64 KiB into a file under /var/tmp, and writing that
    /// file was three quarters of the writer's system calls (bench: ingest, 34 % → 51 % of the ceiling).
    /// </summary>
    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await Execute(connection, "PRAGMA synchronous = FULL; PRAGMA temp_store = MEMORY;", cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task<T> MapFailuresAsync<T>(Func<Task<T>> run)
    {
        try
        {
            return await run().ConfigureAwait(false);
        }
        catch (SqliteException e) when (IsUnavailable(e))
        {
            throw Unavailable(e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new StoreUnavailableException($"The SQLite store at {_path} cannot be written.", e);
        }
    }

    private StoreUnavailableException Unavailable(SqliteException e) =>
        new($"The SQLite store at {_path} is unavailable ({e.SqliteErrorCode}: {e.Message}).", e);

    /// <summary>
    /// Writes a consistent copy of the database to <paramref name="file"/> while writers carry on:
    /// <c>VACUUM INTO</c> reads one snapshot, as any reader does in WAL mode, and writes it compacted
    /// (sqlite.org/lang_vacuum.html#vacuuminto). It goes to a temporary name first and is renamed
    /// when complete, so a failed backup never leaves a file that looks like one. Returns its size.
    /// </summary>
    public async Task<long> BackupAsync(string file, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(file);
        var partial = file + ".partial";
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(file))!);
        File.Delete(partial);
        try
        {
            await ReadAsync(async c => await c.ExecuteAsync("VACUUM INTO $file", null, cancellationToken, ("$file", partial)).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            File.Move(partial, file);
        }
        finally
        {
            File.Delete(partial);
        }

        return new FileInfo(file).Length;
    }

    /// <summary>Creates the file and brings the schema up to date; safe to call often.</summary>
    public async Task EnsureMigratedAsync(CancellationToken cancellationToken)
    {
        if (_migrated)
        {
            return;
        }

        await _migrate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_migrated)
            {
                return;
            }

            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(_path)!);
            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await Execute(connection, "PRAGMA journal_mode = WAL;", cancellationToken).ConfigureAwait(false);
            var version = Convert.ToInt32(await Scalar(connection, "PRAGMA user_version;", cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
            for (var i = version; i < SqliteSchema.Migrations.Count; i++)
            {
                await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await Execute(connection, SqliteSchema.Migrations[i], cancellationToken, transaction).ConfigureAwait(false);
                await Execute(connection, $"PRAGMA user_version = {i + 1};", cancellationToken, transaction).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            _migrated = true;
        }
        finally
        {
            _migrate.Release();
        }
    }

    internal static bool IsUnavailable(SqliteException e) =>
        (e.SqliteErrorCode & 0xFF) is Busy or Locked or NoMemory or ReadOnly or IoError or Full or CantOpen;

    private static async Task Execute(SqliteConnection connection, string sql, CancellationToken cancellationToken, SqliteTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<object?> Scalar(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A write waiting for a group: queued, then taken by one group (or withdrawn by its cancelled caller), then answered.</summary>
    private abstract class PendingWrite
    {
        private const int Queued = 0;
        private const int Taken = 1;
        private const int Withdrawn = 2;
        private int _state;

        public bool IsTaken => Volatile.Read(ref _state) == Taken;

        public bool TryTake() => Interlocked.CompareExchange(ref _state, Taken, Queued) == Queued;

        public bool TryWithdraw() => Interlocked.CompareExchange(ref _state, Withdrawn, Queued) == Queued;

        public abstract Task RunAsync(SqliteWrite write);

        public abstract void Fail(Exception error);

        /// <summary>Answers the caller; called only once the group's fate is known.</summary>
        public abstract void Publish();
    }

    private sealed class PendingWrite<T>(Func<SqliteWrite, Task<T>> work) : PendingWrite
    {
        private readonly TaskCompletionSource<T> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private Exception? _error;

        public Task<T> Outcome => _outcome.Task;

        public override async Task RunAsync(SqliteWrite write) => _result = await work(write).ConfigureAwait(false);

        public override void Fail(Exception error) => _error = error;

        public override void Publish()
        {
            if (_error is null)
            {
                _outcome.SetResult(_result!);
            }
            else
            {
                _outcome.SetException(_error);
            }
        }
    }
}
