using Microsoft.Data.Sqlite;

namespace ChatOpsReply.Storage.Sqlite;

/// <summary>
/// One write inside a group commit: its statements run on the writer's connection in the shared
/// transaction, inside a savepoint of their own, so <see cref="Undo"/> (a duplicate, a lost
/// compare-and-set) or a failure takes back only this write's statements and none of the others'.
/// </summary>
public sealed class SqliteWrite
{
    internal SqliteWrite(SqliteConnection connection, SqliteTransaction transaction)
    {
        Connection = connection;
        Transaction = transaction;
    }

    public SqliteConnection Connection { get; }

    public SqliteTransaction Transaction { get; }

    /// <summary>Set by <see cref="Undo"/>: this write's statements are rolled back when it returns.</summary>
    internal bool Undone { get; private set; }

    /// <summary>Takes back everything this write did, once it returns; the value it returns still goes to its caller.</summary>
    public void Undo() => Undone = true;

    public Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        Connection.ExecuteAsync(sql, Transaction, cancellationToken, parameters);

    public Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        Connection.ScalarAsync(sql, Transaction, cancellationToken, parameters);

    public SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters) =>
        Connection.Command(sql, Transaction, parameters);
}
