using ChatOpsReply.Guidelines;
using ChatOpsReply.Posts;
using Microsoft.Data.Sqlite;

namespace ChatOpsReply.Storage.Sqlite;

public sealed class SqliteConsentStore(SqliteDatabase database) : IConsentStore
{
    public Task<ConsentRecord?> GetAsync(string source, string handle, CancellationToken cancellationToken = default) =>
        database.RunAsync(async c =>
        {
            await using var command = c.Command(
                "SELECT opted_in, at, evidence FROM consent WHERE source = $source AND handle = $handle",
                null,
                ("$source", source),
                ("$handle", CustomerKey.Handle(handle)));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? new ConsentRecord(source, handle, reader.GetInt64(0) == 1, SqliteCommands.FromUnixMs(reader.GetInt64(1)), reader.GetString(2))
                : null;
        }, cancellationToken);

    public Task SetAsync(ConsentRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return database.RunAsync(c => WriteAsync(c, null, record, cancellationToken), cancellationToken);
    }

    public Task<bool> RecordAsync(ConsentRecord record, IngestKey message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(message);
        return database.RunAsync(async c =>
        {
            await using var tx = (SqliteTransaction)await c.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var first = await c.ExecuteAsync(
                "INSERT INTO ingested (source, external_id, post_id, at) VALUES ($source, $external, $post, $at) ON CONFLICT DO NOTHING",
                tx,
                cancellationToken,
                ("$source", message.Source),
                ("$external", message.ExternalId),
                ("$post", IConsentStore.NoPost),
                ("$at", record.At.ToUnixMs())).ConfigureAwait(false) == 1;
            if (first)
            {
                await WriteAsync(c, tx, record, cancellationToken).ConfigureAwait(false);
            }

            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            return first;
        }, cancellationToken);
    }

    /// <summary>Records consent unless a newer record is stored; in <paramref name="tx"/> when a post change carries it.</summary>
    internal static Task<int> WriteAsync(SqliteConnection c, SqliteTransaction? tx, ConsentRecord record, CancellationToken cancellationToken) =>
        c.ExecuteAsync(
            """
            INSERT INTO consent (source, handle, opted_in, at, evidence) VALUES ($source, $handle, $opted, $at, $evidence)
            ON CONFLICT (source, handle) DO UPDATE SET opted_in = excluded.opted_in, at = excluded.at, evidence = excluded.evidence
            WHERE excluded.at >= consent.at
            """,
            tx,
            cancellationToken,
            ("$source", record.Source),
            ("$handle", CustomerKey.Handle(record.Handle)),
            ("$opted", record.OptedIn ? 1 : 0),
            ("$at", record.At.ToUnixMs()),
            ("$evidence", record.Evidence));
}
