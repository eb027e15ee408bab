using System.Text.Json;
using ChatOpsReply.Posts;
using ChatOpsReply.Posts.Figures;

namespace ChatOpsReply.Storage.Sqlite;

/// <summary>
/// Posts by period from the arrival index, and audit trails by post from the trail's post index.
/// Both are read a page at a time, each page in its own turn on the database, so a month of
/// figures never holds up a click for longer than one page takes to read.
/// </summary>
public sealed class SqlitePostHistory(SqliteDatabase database) : IPostHistory
{
    private const int PageSize = 2000;

    // SQLite's default limit on host parameters is 32,766; a page of ids stays well under it.
    private const int IdsPerQuery = 500;

    public async Task<IReadOnlyList<CustomerPost>> ReceivedAsync(DateTimeOffset from, DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        var posts = new List<CustomerPost>();
        var (afterAt, afterId) = (from.ToUnixMs() - 1, "");
        while (true)
        {
            var page = await database.RunAsync(async c =>
            {
                await using var command = c.Command(
                    "SELECT received_at, id, body FROM posts WHERE received_at < $before AND (received_at > $at OR (received_at = $at AND id > $id)) AND received_at >= $from ORDER BY received_at, id LIMIT $limit",
                    null,
                    ("$from", from.ToUnixMs()),
                    ("$before", before.ToUnixMs()),
                    ("$at", afterAt),
                    ("$id", afterId),
                    ("$limit", PageSize));
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                var rows = new List<(long At, string Id, CustomerPost Post)>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add((reader.GetInt64(0), reader.GetString(1), JsonSerializer.Deserialize(reader.GetString(2), StoreJson.Default.CustomerPost)!));
                }

                return rows;
            }, cancellationToken).ConfigureAwait(false);
            posts.AddRange(page.Select(r => r.Post));
            if (page.Count < PageSize)
            {
                return posts;
            }

            (afterAt, afterId) = (page[^1].At, page[^1].Id);
        }
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<AuditEvent>>> TrailsAsync(IReadOnlyCollection<string> postIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(postIds);
        var trails = new Dictionary<string, List<AuditEvent>>(StringComparer.Ordinal);
        foreach (var chunk in postIds.Distinct(StringComparer.Ordinal).Chunk(IdsPerQuery))
        {
            var names = chunk.Select((_, i) => "$p" + i).ToArray();
            await database.RunAsync(async c =>
            {
                await using var command = c.Command(
                    $"SELECT seq, body FROM audit WHERE post_id IN ({string.Join(", ", names)}) ORDER BY post_id, seq",
                    null,
                    [.. chunk.Select((id, i) => (names[i], (object?)id))]);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var e = JsonSerializer.Deserialize(reader.GetString(1), StoreJson.Default.AuditEvent)! with { Sequence = reader.GetInt64(0) };
                    if (!trails.TryGetValue(e.PostId, out var trail))
                    {
                        trails[e.PostId] = trail = [];
                    }

                    trail.Add(e);
                }
            }, cancellationToken).ConfigureAwait(false);
        }

        return trails.ToDictionary(t => t.Key, t => (IReadOnlyList<AuditEvent>)t.Value, StringComparer.Ordinal);
    }
}
