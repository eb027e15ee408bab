using ChatOpsReply.Posts;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Storage.Sqlite;

/// <summary>
/// Opens connections to the database file (WAL mode, so readers never wait for the writer),
/// creates and migrates the schema once, and turns "cannot answer now" failures into
/// <see cref="StoreUnavailableException"/>.
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

    // One piece of work at a time in this process. SQLite takes one writer anyway; a second writer
    // that finds the file locked waits in Microsoft.Data.Sqlite's busy retry loop, which sleeps
    // between attempts, so under load a queue of milliseconds became one of seconds (bench:
    // slack-interactions). Waiting here instead keeps the wait to the work ahead of it.
    private readonly SemaphoreSlim _turn = new(1, 1);

    // Set while a piece of work runs on this flow: a store call made from inside another would wait
    // for its own turn forever, so it is refused as the bug it is.
    private readonly AsyncLocal<bool> _inTurn = new();
    private volatile bool _migrated;

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
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _migrate.Dispose();
        _turn.Dispose();
    }

    /// <summary>Runs <paramref name="work"/> on an open connection, mapping unavailability.</summary>
    public async Task<T> RunAsync<T>(Func<SqliteConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            await EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
            if (_inTurn.Value)
            {
                throw new InvalidOperationException("A SQLite store call was made from inside another; it would wait for itself forever.");
            }

            await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                _inTurn.Value = true;
                await using var connection = new SqliteConnection(_connectionString);
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                return await work(connection).ConfigureAwait(false);
            }
            finally
            {
                _inTurn.Value = false;
                _turn.Release();
            }
        }
        catch (SqliteException e) when (IsUnavailable(e))
        {
            throw new StoreUnavailableException($"The SQLite store at {_path} is unavailable ({e.SqliteErrorCode}: {e.Message}).", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new StoreUnavailableException($"The SQLite store at {_path} cannot be written.", e);
        }
    }

    public Task RunAsync(Func<SqliteConnection, Task> work, CancellationToken cancellationToken) =>
        RunAsync(async c =>
        {
            await work(c).ConfigureAwait(false);
            return true;
        }, cancellationToken);

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
}
