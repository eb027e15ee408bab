using System.Text.Json;
using ChatOpsReply.Posts;
using ChatOpsReply.Posts.Figures;

namespace ChatOpsReply.Storage.Sqlite;

/// <summary>
/// Posts by period from the arrival index, and audit trails by post from the trail's post index.
/// Both are read a part at a time (six hours of arrivals, 500 trails), each part in its own turn
/// on the database, so a month of figures never holds up a click for longer than one part takes.
/// </summary>
public sealed class SqlitePostHistory(SqliteDatabase database) : IPostHistory
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(6);

    // SQLite's default limit on host parameters is 32,766; a page of ids stays well under it.
    private const int IdsPerQuery = 500;

    public async Task<IReadOnlyList<CustomerPost>> ReceivedAsync(DateTimeOffset from, DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        var posts = new List<CustomerPost>();
        // Six hours at a time: each read is a plain range on the arrival index, short enough not to hold up writes.
        for (var start = from; start < before; start += Window)
        {
            var end = start + Window < before ? start + Window : before;
            posts.AddRange(await database.RunAsync(async c =>
            {
                await using var command = c.Command(
                    "SELECT body FROM posts WHERE received_at >= $from AND received_at < $before ORDER BY received_at, id",
                    null,
                    ("$from", start.ToUnixMs()),
                    ("$before", end.ToUnixMs()));
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                var page = new List<CustomerPost>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    page.Add(JsonSerializer.Deserialize(reader.GetString(0), StoreJson.Default.CustomerPost)!);
                }

                return page;
            }, cancellationToken).ConfigureAwait(false));
        }

        return posts;
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
