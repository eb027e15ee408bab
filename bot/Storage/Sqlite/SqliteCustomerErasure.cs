using System.Text.Json;
using ChatOpsReply.Posts;
using ChatOpsReply.Privacy;

namespace ChatOpsReply.Storage.Sqlite;

/// <summary>An erasure's traces in SQLite, each call in one transaction of the writer's turn.</summary>
public sealed class SqliteCustomerErasure(SqliteDatabase database) : ICustomerErasureStore
{
    public Task<ErasedTraces> EraseTracesAsync(string source, string handle, IReadOnlyList<string> postIds, bool wholeCustomer, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(postIds);
        return database.WriteAsync(async w =>
        {
            int events = 0, replies = 0, drafts = 0;
            foreach (var postId in postIds)
            {
                var unerased = new List<(long Seq, string Body)>();
                await using (var read = w.Command("SELECT seq, body FROM audit WHERE post_id = $post AND erased_at IS NULL ORDER BY seq", ("$post", postId)))
                await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        unerased.Add((reader.GetInt64(0), reader.GetString(1)));
                    }
                }

                foreach (var (seq, body) in unerased)
                {
                    if (AuditChain.Erase(JsonSerializer.Deserialize(body, StoreJson.Default.AuditEvent)!) is { } erased)
                    {
                        events += await w.ExecuteAsync(
                            "UPDATE audit SET body = $body, erased_at = $at WHERE seq = $seq AND erased_at IS NULL",
                            cancellationToken,
                            ("$body", JsonSerializer.Serialize(erased, StoreJson.Default.AuditEvent)),
                            ("$at", at.ToUnixMs()),
                            ("$seq", seq)).ConfigureAwait(false);
                    }
                }

                replies += await w.ExecuteAsync("UPDATE sent_replies SET text = $erased, handle = $erased WHERE post_id = $post AND text <> $erased", cancellationToken, ("$post", postId), ("$erased", AuditChain.RedactedText)).ConfigureAwait(false);
                drafts += await w.ExecuteAsync("DELETE FROM working_drafts WHERE post_id = $post", cancellationToken, ("$post", postId)).ConfigureAwait(false);
                await w.ExecuteAsync("DELETE FROM post_words WHERE post_id = $post", cancellationToken, ("$post", postId)).ConfigureAwait(false);
            }

            var consent = wholeCustomer && await w.ExecuteAsync("DELETE FROM consent WHERE source = $source AND handle = $handle", cancellationToken, ("$source", source), ("$handle", CustomerKey.Handle(handle))).ConfigureAwait(false) > 0;
            return new ErasedTraces(events, replies, drafts, consent);
        }, cancellationToken);
    }

    public Task ForgetHandleAsync(string source, string handle, IReadOnlyList<string> postIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(postIds);
        return database.WriteAsync(async w =>
        {
            foreach (var postId in postIds)
            {
                await w.ExecuteAsync("UPDATE posts SET handle = NULL WHERE id = $post", cancellationToken, ("$post", postId)).ConfigureAwait(false);
            }

            return true;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<string>> ExpiredAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default) =>
        database.ReadAsync(async c =>
        {
            await using var command = c.Command(
                $"SELECT id FROM posts WHERE updated_at < $before AND state IN ('{PostState.Closed}', '{PostState.Dismissed}') AND handle IS NOT NULL ORDER BY updated_at LIMIT $limit",
                null,
                ("$before", before.ToUnixMs()),
                ("$limit", limit));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var ids = new List<string>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                ids.Add(reader.GetString(0));
            }

            return (IReadOnlyList<string>)ids;
        }, cancellationToken);
}
