using System.Runtime.CompilerServices;
using System.Text.Json;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Storage.Sqlite;

public sealed class SqliteAuditTrail(SqliteDatabase database) : IAuditTrail, IAuditChain
{
    // Rows read per query when walking the whole trail, so a long trail is never held in memory at once.
    private const int Page = 1000;

    public async Task<IReadOnlyList<AuditEvent>> ForPostAsync(string postId, CancellationToken cancellationToken = default) =>
        [.. (await Read("SELECT seq, body, hash, link, chain FROM audit WHERE post_id = $post ORDER BY seq", cancellationToken, ("$post", postId)).ConfigureAwait(false)).Select(e => e.Event)];

    public async Task<IReadOnlyList<AuditEvent>> RecentAsync(int limit, CancellationToken cancellationToken = default) =>
        [.. (await Read("SELECT seq, body, hash, link, chain FROM audit ORDER BY seq DESC LIMIT $limit", cancellationToken, ("$limit", limit)).ConfigureAwait(false)).Select(e => e.Event)];

    async IAsyncEnumerable<ChainedAuditEvent> IAuditChain.ForPostAsync(string postId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var e in await Read("SELECT seq, body, hash, link, chain FROM audit WHERE post_id = $post ORDER BY seq", cancellationToken, ("$post", postId)).ConfigureAwait(false))
        {
            yield return e;
        }
    }

    public async IAsyncEnumerable<ChainedAuditEvent> AllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        long after = -1;
        while (true)
        {
            var page = await Read("SELECT seq, body, hash, link, chain FROM audit WHERE seq > $after ORDER BY seq LIMIT $limit", cancellationToken, ("$after", after), ("$limit", Page)).ConfigureAwait(false);
            foreach (var e in page)
            {
                yield return e;
            }

            if (page.Count < Page)
            {
                yield break;
            }

            after = page[^1].Event.Sequence;
        }
    }

    private Task<IReadOnlyList<ChainedAuditEvent>> Read(string sql, CancellationToken cancellationToken, params (string, object?)[] parameters) =>
        database.ReadAsync(async c =>
        {
            await using var command = c.Command(sql, null, parameters);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var events = new List<ChainedAuditEvent>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var e = JsonSerializer.Deserialize(reader.GetString(1), StoreJson.Default.AuditEvent)!;
                events.Add(new ChainedAuditEvent(e with { Sequence = reader.GetInt64(0) }, Text(2), Text(3), Text(4)));
            }

            return (IReadOnlyList<ChainedAuditEvent>)events;

            string? Text(int column) => reader.IsDBNull(column) ? null : reader.GetString(column);
        }, cancellationToken);
}
