using ChatOpsReply.Posts;

namespace ChatOpsReply.Storage.Sqlite;

public sealed class SqliteSentReplies(SqliteDatabase database) : ISentReplies
{
    public Task<int> CountSinceAsync(string source, string handle, DateTimeOffset since, CancellationToken cancellationToken = default) =>
        database.RunAsync(
            async c => (int)SqliteCommands.ToLong(await c.ScalarAsync(
                "SELECT COUNT(*) FROM sent_replies WHERE source = $source AND handle = $handle AND sent_at >= $since",
                null,
                cancellationToken,
                ("$source", source),
                ("$handle", CustomerKey.Handle(handle)),
                ("$since", since.ToUnixMs())).ConfigureAwait(false)),
            cancellationToken);

    public Task<DateTimeOffset?> DeliveredAtAsync(string postId, int number, CancellationToken cancellationToken = default) =>
        database.RunAsync(
            async c => await c.ScalarAsync("SELECT delivered_at FROM sent_replies WHERE post_id = $post AND number = $number", null, cancellationToken, ("$post", postId), ("$number", number)).ConfigureAwait(false) is { } ms
                ? SqliteCommands.FromUnixMs(SqliteCommands.ToLong(ms))
                : (DateTimeOffset?)null,
            cancellationToken);
}
