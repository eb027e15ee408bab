using ChatOpsReply.Posts;

namespace ChatOpsReply.Storage.Sqlite;

public sealed class SqliteIdempotencyKeys(SqliteDatabase database) : IIdempotencyKeys
{
    public Task<bool> TryRecordAsync(string key, DateTimeOffset now, TimeSpan keepFor, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async w => await w.ExecuteAsync(
                // An expired key is taken over; a live one is left alone (no row changes).
                """
                INSERT INTO idempotency_keys (key, expires_at) VALUES ($key, $expires)
                ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at WHERE idempotency_keys.expires_at <= $now
                """,
                cancellationToken,
                ("$key", key),
                ("$expires", (now + keepFor).ToUnixMs()),
                ("$now", now.ToUnixMs())).ConfigureAwait(false) == 1,
            cancellationToken);

    public Task PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.RunAsync(c => c.ExecuteAsync("DELETE FROM idempotency_keys WHERE expires_at <= $now", null, cancellationToken, ("$now", now.ToUnixMs())), cancellationToken);
}
