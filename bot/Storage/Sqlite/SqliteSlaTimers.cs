using ChatOpsReply.Posts;

namespace ChatOpsReply.Storage.Sqlite;

public sealed class SqliteSlaTimers(SqliteDatabase database) : ISlaTimers
{
    public Task<IReadOnlyList<DueTimer>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async w =>
        {
            await using var command = w.Command(
                """
                UPDATE sla_timers SET lease_until = $until
                WHERE post_id IN (
                    SELECT post_id FROM sla_timers
                    WHERE due_at <= $now AND (lease_until IS NULL OR lease_until <= $now)
                    ORDER BY due_at
                    LIMIT $max)
                RETURNING post_id, due_at
                """,
                ("$until", (now + lease).ToUnixMs()),
                ("$now", now.ToUnixMs()),
                ("$max", max));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var timers = new List<DueTimer>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                timers.Add(new DueTimer(reader.GetString(0), SqliteCommands.FromUnixMs(reader.GetInt64(1))));
            }

            return (IReadOnlyList<DueTimer>)[.. timers.OrderBy(t => t.DueAt)];
        }, cancellationToken);

    public Task CompleteAsync(DueTimer timer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return database.WriteAsync(
            w => w.ExecuteAsync("DELETE FROM sla_timers WHERE post_id = $post AND due_at = $due", cancellationToken, ("$post", timer.PostId), ("$due", timer.DueAt.ToUnixMs())),
            cancellationToken);
    }
}
