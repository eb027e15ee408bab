using ChatOpsReply.Delivery;

namespace ChatOpsReply.Storage.Sqlite;

/// <summary>Digest lines (message 0 while waiting), their messages and the scopes' leases, in three tables.</summary>
public sealed class SqliteDigestStore(SqliteDatabase database) : IDigestStore
{
    public Task<bool> AddAsync(string scope, string postId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async w => await w.ExecuteAsync("INSERT INTO digest_lines (scope, post_id, added_at) VALUES ($scope, $post, $at) ON CONFLICT DO NOTHING", cancellationToken, ("$scope", scope), ("$post", postId), ("$at", now.ToUnixMs())).ConfigureAwait(false) == 1,
            cancellationToken);

    public Task<int?> MessageOfAsync(string scope, string postId, CancellationToken cancellationToken = default) =>
        database.ReadAsync(
            async c => await c.ScalarAsync("SELECT message FROM digest_lines WHERE scope = $scope AND post_id = $post", null, cancellationToken, ("$scope", scope), ("$post", postId)).ConfigureAwait(false) is { } message and not DBNull
                ? (int?)SqliteCommands.ToLong(message)
                : null,
            cancellationToken);

    public Task<DateTimeOffset?> LastAddedAsync(string scope, CancellationToken cancellationToken = default) =>
        database.ReadAsync(
            async c => await c.ScalarAsync("SELECT MAX(added_at) FROM digest_lines WHERE scope = $scope", null, cancellationToken, ("$scope", scope)).ConfigureAwait(false) is { } at and not DBNull
                ? (DateTimeOffset?)SqliteCommands.FromUnixMs(SqliteCommands.ToLong(at))
                : null,
            cancellationToken);

    public Task MarkChangedAsync(string scope, string postId, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            w => w.ExecuteAsync(
                """
                UPDATE digest_messages SET changes = changes + 1
                WHERE scope = $scope AND number = (SELECT message FROM digest_lines WHERE scope = $scope AND post_id = $post AND message > 0)
                """,
                cancellationToken,
                ("$scope", scope),
                ("$post", postId)),
            cancellationToken);

    public Task<IReadOnlyList<string>> BusyScopesAsync(CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<string>>(async c =>
        {
            await using var command = c.Command("SELECT DISTINCT scope FROM digest_lines WHERE message = 0 UNION SELECT scope FROM digest_messages WHERE changes > drawn");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var scopes = new List<string>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                scopes.Add(reader.GetString(0));
            }

            return scopes;
        }, cancellationToken);

    public Task<bool> TryLeaseAsync(string scope, string holder, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async w => await w.ExecuteAsync(
                """
                INSERT INTO digest_leases (scope, holder, until) VALUES ($scope, $holder, $until)
                ON CONFLICT (scope) DO UPDATE SET holder = excluded.holder, until = excluded.until
                WHERE digest_leases.holder = excluded.holder OR digest_leases.until <= $now
                """,
                cancellationToken,
                ("$scope", scope),
                ("$holder", holder),
                ("$until", until.ToUnixMs()),
                ("$now", now.ToUnixMs())).ConfigureAwait(false) == 1,
            cancellationToken);

    public Task ReleaseAsync(string scope, string holder, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            w => w.ExecuteAsync("DELETE FROM digest_leases WHERE scope = $scope AND holder = $holder", cancellationToken, ("$scope", scope), ("$holder", holder)),
            cancellationToken);

    public Task<DigestState> ReadAsync(string scope, int maxWaiting, CancellationToken cancellationToken = default) =>
        database.ReadAsync(async c =>
        {
            var messages = new List<DigestMessage>();
            await using (var command = c.Command(
                """
                SELECT number, lines, changes, drawn, drawn_at FROM digest_messages
                WHERE scope = $scope AND (changes > drawn OR number = (SELECT MAX(number) FROM digest_messages WHERE scope = $scope))
                ORDER BY number
                """,
                null,
                ("$scope", scope)))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    messages.Add(new DigestMessage(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt64(2), reader.GetInt64(3), reader.IsDBNull(4) ? null : SqliteCommands.FromUnixMs(reader.GetInt64(4))));
                }
            }

            return new DigestState(messages, await PostsAsync(c, scope, 0, maxWaiting, cancellationToken).ConfigureAwait(false));
        }, cancellationToken);

    public Task<int> PlaceAsync(string scope, int message, IReadOnlyList<string> postIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(postIds);
        ArgumentOutOfRangeException.ThrowIfLessThan(message, 1);
        return database.WriteAsync(async w =>
        {
            var placed = 0;
            foreach (var postId in postIds)
            {
                placed += await w.ExecuteAsync(
                    "UPDATE digest_lines SET message = $message WHERE scope = $scope AND post_id = $post AND message = 0",
                    cancellationToken,
                    ("$scope", scope),
                    ("$post", postId),
                    ("$message", message)).ConfigureAwait(false);
            }

            if (placed > 0)
            {
                await w.ExecuteAsync(
                    """
                    INSERT INTO digest_messages (scope, number, lines, changes, drawn) VALUES ($scope, $message, $placed, 1, 0)
                    ON CONFLICT (scope, number) DO UPDATE SET lines = lines + excluded.lines, changes = changes + 1
                    """,
                    cancellationToken,
                    ("$scope", scope),
                    ("$message", message),
                    ("$placed", placed)).ConfigureAwait(false);
            }

            return placed;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<string>> LinesAsync(string scope, int message, CancellationToken cancellationToken = default) =>
        database.ReadAsync(c => PostsAsync(c, scope, message, int.MaxValue, cancellationToken), cancellationToken);

    public Task MarkDrawnAsync(string scope, int message, long changes, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            w => w.ExecuteAsync(
                "UPDATE digest_messages SET drawn = MAX(drawn, $changes), drawn_at = $now WHERE scope = $scope AND number = $message",
                cancellationToken,
                ("$scope", scope),
                ("$message", message),
                ("$changes", changes),
                ("$now", now.ToUnixMs())),
            cancellationToken);

    private static async Task<IReadOnlyList<string>> PostsAsync(Microsoft.Data.Sqlite.SqliteConnection connection, string scope, int message, int max, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("SELECT post_id FROM digest_lines WHERE scope = $scope AND message = $message ORDER BY seq LIMIT $max", null, ("$scope", scope), ("$message", message), ("$max", max));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var posts = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            posts.Add(reader.GetString(0));
        }

        return posts;
    }
}
