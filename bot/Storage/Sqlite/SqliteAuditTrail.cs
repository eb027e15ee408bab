using System.Text.Json;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Storage.Sqlite;

public sealed class SqliteAuditTrail(SqliteDatabase database) : IAuditTrail
{
    public Task<IReadOnlyList<AuditEvent>> ForPostAsync(string postId, CancellationToken cancellationToken = default) =>
        Read("SELECT seq, body FROM audit WHERE post_id = $post ORDER BY seq", cancellationToken, ("$post", postId));

    public Task<IReadOnlyList<AuditEvent>> RecentAsync(int limit, CancellationToken cancellationToken = default) =>
        Read("SELECT seq, body FROM audit ORDER BY seq DESC LIMIT $limit", cancellationToken, ("$limit", limit));

    private Task<IReadOnlyList<AuditEvent>> Read(string sql, CancellationToken cancellationToken, params (string, object?)[] parameters) =>
        database.ReadAsync(async c =>
        {
            await using var command = c.Command(sql, null, parameters);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var events = new List<AuditEvent>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var e = JsonSerializer.Deserialize(reader.GetString(1), StoreJson.Default.AuditEvent)!;
                events.Add(e with { Sequence = reader.GetInt64(0) });
            }

            return (IReadOnlyList<AuditEvent>)events;
        }, cancellationToken);
}
