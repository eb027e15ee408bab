using System.Text.Json;
using ChatOpsReply.Posts;
using ChatOpsReply.Posts.Figures;

namespace ChatOpsReply.Storage.Sqlite;

/// <summary>
/// Posts by period from the arrival index, and audit trails by post from the trail's post index,
/// each read on a connection of its own beside the writer (WAL): a month of figures never holds
/// up a click, and a period's posts are read in one snapshot.
/// </summary>
public sealed class SqlitePostHistory(SqliteDatabase database) : IPostHistory
{
    // SQLite's default limit on host parameters is 32,766; a page of ids stays well under it.
    private const int IdsPerQuery = 500;

    // Bodies are parsed in parts on the thread pool while the reader goes on, so reading and parsing share the cores.
    private const int RowsPerPart = 1000;

    public async Task<IReadOnlyList<CustomerPost>> ReceivedAsync(DateTimeOffset from, DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        var parts = await database.ReadAsync(async c =>
        {
            await using var command = c.Command(
                "SELECT body FROM posts WHERE received_at >= $from AND received_at < $before ORDER BY received_at, id",
                null,
                ("$from", from.ToUnixMs()),
                ("$before", before.ToUnixMs()));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var parsing = new List<Task<CustomerPost[]>>();
            var rows = new List<byte[]>(RowsPerPart);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                // The stored UTF-8 as it is: no detour through a string before the JSON reader.
                rows.Add(reader.GetFieldValue<byte[]>(0));
                if (rows.Count == RowsPerPart)
                {
                    parsing.Add(Parse(rows, cancellationToken));
                    rows = new List<byte[]>(RowsPerPart);
                }
            }

            parsing.Add(Parse(rows, cancellationToken));
            return parsing;
        }, cancellationToken).ConfigureAwait(false);
        var parsed = await Task.WhenAll(parts).ConfigureAwait(false);
        return [.. parsed.SelectMany(p => p)];
    }

    private static Task<CustomerPost[]> Parse(List<byte[]> rows, CancellationToken cancellationToken) =>
        Task.Run(() => rows.Select(body => JsonSerializer.Deserialize(body, StoreJson.Default.CustomerPost)!).ToArray(), cancellationToken);

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<AuditEvent>>> TrailsAsync(IReadOnlyCollection<string> postIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(postIds);
        var trails = new Dictionary<string, List<AuditEvent>>(StringComparer.Ordinal);
        foreach (var chunk in postIds.Distinct(StringComparer.Ordinal).Chunk(IdsPerQuery))
        {
            var names = chunk.Select((_, i) => "$p" + i).ToArray();
            await database.ReadAsync(async c =>
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

                return true;
            }, cancellationToken).ConfigureAwait(false);
        }

        return trails.ToDictionary(t => t.Key, t => (IReadOnlyList<AuditEvent>)t.Value, StringComparer.Ordinal);
    }
}
