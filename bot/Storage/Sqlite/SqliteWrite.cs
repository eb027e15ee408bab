using Microsoft.Data.Sqlite;

namespace ChatOpsReply.Storage.Sqlite;

/// <summary>
/// One write inside a group commit: its statements run on the writer's connection in the shared
/// transaction, inside a savepoint of their own, so <see cref="Undo"/> (a duplicate, a lost
/// compare-and-set) or a failure takes back only this write's statements and none of the others'.
/// Its commands are the writer's, compiled once and kept (<see cref="SqliteStatements"/>).
/// </summary>
public sealed class SqliteWrite
{
    private readonly SqliteStatements _statements;

    internal SqliteWrite(SqliteStatements statements, SqliteTransaction transaction)
    {
        _statements = statements;
        Transaction = transaction;
    }

    public SqliteConnection Connection => _statements.Connection;

    public SqliteTransaction Transaction { get; }

    /// <summary>Set by <see cref="Undo"/>: this write's statements are rolled back when it returns.</summary>
    internal bool Undone { get; private set; }

    /// <summary>Takes back everything this write did, once it returns; the value it returns still goes to its caller.</summary>
    public void Undo() => Undone = true;

    public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is DBNull ? null : value;
    }

    /// <summary>The writer's command for <paramref name="sql"/>; dispose it (await using) to hand it back.</summary>
    public WriterCommand Command(string sql, params (string Name, object? Value)[] parameters) => _statements.Get(sql, Transaction, parameters);
}
