using System.Globalization;
using System.Text.Json;
using ChatOpsReply.Delivery;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Storage.Sqlite;

public sealed class SqliteOutbox(SqliteDatabase database) : IOutbox
{
    /// <summary>Adds a message; its parameters are <see cref="Parameters"/>'.</summary>
    internal const string Insert = """
        INSERT INTO outbox (post_id, target, kind, created_at, due_at, attempts, body)
        VALUES ($post, $target, $kind, $created, $due, 0, $body)
        """;

    internal static (string, object?)[] Parameters(OutboxMessage message) =>
    [
        ("$post", message.PostId),
        ("$target", message.Target),
        ("$kind", message.Kind.ToString()),
        ("$created", message.CreatedAt.ToUnixMs()),
        ("$due", message.DueAt.ToUnixMs()),
        ("$body", JsonSerializer.Serialize(new StoredOutboxBody(message.Text, message.People, message.ReplyNumber), StoreJson.Default.StoredOutboxBody)),
    ];

    /// <summary>Adds messages in a write of another store's (a spike's alert with the spike).</summary>
    internal static async Task AddAsync(SqliteWrite w, IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            await w.ExecuteAsync(Insert, cancellationToken, Parameters(message)).ConfigureAwait(false);
        }
    }

    // Due first, in the order of outbox_due (failed, due_at, then seq as the rowid), so SQLite reads the index in order and stops
    // after max; ORDER BY seq alone sorted every due message first: 140 ms a claim, in the writer's turn, behind
    // 100,000 waiting cards. Order per post and target is the NOT EXISTS's: only the oldest pending one is claimed.
    public Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async w =>
        {
            await using var command = w.Command(
                """
                UPDATE outbox SET lease_until = $until
                WHERE seq IN (
                    SELECT o.seq FROM outbox o
                    WHERE o.failed = 0 AND o.due_at <= $now AND (o.lease_until IS NULL OR o.lease_until <= $now)
                      AND NOT EXISTS (
                          SELECT 1 FROM outbox e
                          WHERE e.post_id = o.post_id AND e.target = o.target AND e.seq < o.seq AND e.failed = 0)
                    ORDER BY o.due_at, o.seq
                    LIMIT $max)
                RETURNING seq, post_id, target, kind, created_at, due_at, attempts, last_error, body
                """,
                ("$until", (now + lease).ToUnixMs()),
                ("$now", now.ToUnixMs()),
                ("$max", max));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var messages = new List<(long Seq, OutboxMessage Message)>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var body = JsonSerializer.Deserialize(reader.GetString(8), StoreJson.Default.StoredOutboxBody)!;
                var seq = reader.GetInt64(0);
                messages.Add((seq, new OutboxMessage(
                    seq.ToString(CultureInfo.InvariantCulture),
                    reader.GetString(1),
                    reader.GetString(2),
                    Enum.Parse<OutboxKind>(reader.GetString(3)),
                    SqliteCommands.FromUnixMs(reader.GetInt64(4)))
                {
                    DueAt = SqliteCommands.FromUnixMs(reader.GetInt64(5)),
                    LeaseUntil = SqliteCommands.FromUnixMs((now + lease).ToUnixMs()),
                    Attempts = reader.GetInt32(6),
                    LastError = reader.IsDBNull(7) ? null : reader.GetString(7),
                    Text = body.Text,
                    People = body.People,
                    ReplyNumber = body.ReplyNumber,
                }));
            }

            // RETURNING gives no order; delivery must follow creation order.
            return (IReadOnlyList<OutboxMessage>)[.. messages.OrderBy(m => m.Seq).Select(m => m.Message)];
        }, cancellationToken);

    public Task<OutboxMessage?> RenewLeaseAsync(OutboxMessage message, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return database.WriteAsync(async w =>
        {
            var renewed = await w.ExecuteAsync(
                "UPDATE outbox SET lease_until = $until WHERE seq = $seq AND lease_until = $held AND failed = 0",
                cancellationToken,
                ("$until", until.ToUnixMs()),
                ("$seq", Seq(message)),
                ("$held", message.LeaseUntil?.ToUnixMs())).ConfigureAwait(false);
            return renewed == 1 ? message with { LeaseUntil = SqliteCommands.FromUnixMs(until.ToUnixMs()) } : null;
        }, cancellationToken);
    }

    public Task CompleteAsync(OutboxMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return database.WriteAsync(w => w.ExecuteAsync("DELETE FROM outbox WHERE seq = $seq", cancellationToken, ("$seq", Seq(message))), cancellationToken);
    }

    public Task RetryAsync(OutboxMessage message, DateTimeOffset dueAt, string reason, CancellationToken cancellationToken = default) =>
        OfferAgainAsync(message, dueAt, reason, attempted: 1, cancellationToken);

    public Task DeferAsync(OutboxMessage message, DateTimeOffset dueAt, string reason, CancellationToken cancellationToken = default) =>
        OfferAgainAsync(message, dueAt, reason, attempted: 0, cancellationToken);

    private Task<int> OfferAgainAsync(OutboxMessage message, DateTimeOffset dueAt, string reason, int attempted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return database.WriteAsync(
            w => w.ExecuteAsync(
                "UPDATE outbox SET due_at = $due, lease_until = NULL, attempts = attempts + $attempted, last_error = $error WHERE seq = $seq",
                cancellationToken,
                ("$due", dueAt.ToUnixMs()),
                ("$attempted", attempted),
                ("$error", reason),
                ("$seq", Seq(message))),
            cancellationToken);
    }

    public Task FailAsync(OutboxMessage message, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return database.WriteAsync(
            w => w.ExecuteAsync(
                "UPDATE outbox SET failed = 1, lease_until = NULL, attempts = attempts + 1, last_error = $error WHERE seq = $seq",
                cancellationToken,
                ("$error", reason),
                ("$seq", Seq(message))),
            cancellationToken);
    }

    public Task<OutboxDepth> DepthAsync(CancellationToken cancellationToken = default) =>
        database.ReadAsync(async c =>
        {
            await using var command = c.Command("SELECT COALESCE(SUM(failed = 0), 0), COALESCE(SUM(failed = 1), 0) FROM outbox");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return new OutboxDepth(reader.GetInt64(0), reader.GetInt64(1));
        }, cancellationToken);

    private static long Seq(OutboxMessage message) => long.Parse(message.Id, CultureInfo.InvariantCulture);
}
