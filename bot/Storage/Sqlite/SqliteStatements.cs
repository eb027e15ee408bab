using Microsoft.Data.Sqlite;

namespace ChatOpsReply.Storage.Sqlite;

/// <summary>
/// The writer connection and its commands, one per SQL text, kept prepared between writes.
/// Microsoft.Data.Sqlite keeps a command's compiled statements only as long as the command
/// (dotnet/efcore#14044), so a new command per statement compiled its SQL again every time:
/// a post's creation runs about twenty statements. Used only inside the writer's turn, so
/// never by two callers at once.
/// </summary>
internal sealed class SqliteStatements(SqliteConnection connection) : IDisposable
{
    // More than the stores write with; SQL built per call would otherwise grow it without end,
    // so past this a statement is compiled for its one use.
    private const int MaxKept = 256;

    private readonly Dictionary<string, WriterCommand.Slot> _kept = new(StringComparer.Ordinal);

    public SqliteConnection Connection { get; } = connection;

    /// <summary>A command for <paramref name="sql"/> in <paramref name="transaction"/> with these parameters bound, already compiled if it ran before.</summary>
    public WriterCommand Get(string sql, SqliteTransaction transaction, (string Name, object? Value)[] parameters)
    {
        if (_kept.TryGetValue(sql, out var slot))
        {
            if (!slot.InUse)
            {
                slot.Command.Transaction = transaction;
                slot.Command.Parameters.Clear();
                slot.Command.Bind(parameters);
                return new WriterCommand(slot);
            }
        }
        else if (_kept.Count < MaxKept)
        {
            slot = new WriterCommand.Slot(Connection.Command(sql, transaction, parameters));
            _kept[sql] = slot;
            return new WriterCommand(slot);
        }

        // The same SQL still running (its reader open), or too many kept: compiled for this one use.
        return new WriterCommand(Connection.Command(sql, transaction, parameters));
    }

    public void Dispose()
    {
        foreach (var slot in _kept.Values)
        {
            slot.Command.Dispose();
        }

        _kept.Clear();
        Connection.Dispose();
    }
}

/// <summary>A command lent by <see cref="SqliteStatements"/>: disposing it hands it back (or disposes it, when it was compiled for one use).</summary>
public sealed class WriterCommand : IAsyncDisposable
{
    private readonly SqliteCommand _command;

    // Null for a command compiled for this one use.
    private readonly Slot? _slot;

    internal WriterCommand(Slot slot)
    {
        _slot = slot;
        _command = slot.Command;
        slot.InUse = true;
    }

    internal WriterCommand(SqliteCommand once) => _command = once;

    public Task<SqliteDataReader> ExecuteReaderAsync(CancellationToken cancellationToken) => _command.ExecuteReaderAsync(cancellationToken);

    public Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken) => _command.ExecuteNonQueryAsync(cancellationToken);

    public Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken) => _command.ExecuteScalarAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_slot is null)
        {
            await _command.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            _slot.InUse = false;
        }
    }

    internal sealed class Slot(SqliteCommand command)
    {
        public SqliteCommand Command { get; } = command;

        public bool InUse { get; set; }
    }
}
