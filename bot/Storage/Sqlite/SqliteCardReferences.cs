using ChatOpsReply.Delivery;

namespace ChatOpsReply.Storage.Sqlite;

public sealed class SqliteCardReferences(SqliteDatabase database) : ICardReferences
{
    public Task<string?> GetAsync(string postId, string key, CancellationToken cancellationToken = default) =>
        database.ReadAsync(
            async c => (string?)await c.ScalarAsync("SELECT reference FROM card_refs WHERE post_id = $post AND key = $key", null, cancellationToken, ("$post", postId), ("$key", key)).ConfigureAwait(false),
            cancellationToken);

    public Task<string> SetIfAbsentAsync(string postId, string key, string reference, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async w =>
        {
            await w.ExecuteAsync("INSERT INTO card_refs (post_id, key, reference) VALUES ($post, $key, $ref) ON CONFLICT DO NOTHING", cancellationToken, ("$post", postId), ("$key", key), ("$ref", reference)).ConfigureAwait(false);
            return (string)(await w.ScalarAsync("SELECT reference FROM card_refs WHERE post_id = $post AND key = $key", cancellationToken, ("$post", postId), ("$key", key)).ConfigureAwait(false))!;
        }, cancellationToken);

    public Task<string?> FindPostAsync(string key, string reference, CancellationToken cancellationToken = default) =>
        database.RunAsync(
            async c => (string?)await c.ScalarAsync("SELECT post_id FROM card_refs WHERE key = $key AND reference = $ref LIMIT 1", null, cancellationToken, ("$key", key), ("$ref", reference)).ConfigureAwait(false),
            cancellationToken);

    public Task RemoveAsync(string postId, string key, string reference, CancellationToken cancellationToken = default) =>
        database.RunAsync(
            c => c.ExecuteAsync("DELETE FROM card_refs WHERE post_id = $post AND key = $key AND reference = $ref", null, cancellationToken, ("$post", postId), ("$key", key), ("$ref", reference)),
            cancellationToken);
}
