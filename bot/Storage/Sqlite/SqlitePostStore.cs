using System.Text.Json;
using ChatOpsReply.Posts;
using Microsoft.Data.Sqlite;

namespace ChatOpsReply.Storage.Sqlite;

/// <summary>Posts in SQLite: the post as JSON plus the columns it is found by; every write is one transaction.</summary>
public sealed class SqlitePostStore(SqliteDatabase database) : IPostStore
{
    private const string PostColumns = "body";

    public Task<CustomerPost?> GetAsync(string postId, CancellationToken cancellationToken = default) =>
        database.RunAsync(async c => await ReadOne(c, "SELECT body FROM posts WHERE id = $id", cancellationToken, ("$id", postId)).ConfigureAwait(false), cancellationToken);

    public Task<string?> FindIngestedAsync(IngestKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return database.RunAsync(
            async c => (string?)await c.ScalarAsync("SELECT post_id FROM ingested WHERE source = $source AND external_id = $external", null, cancellationToken, ("$source", key.Source), ("$external", key.ExternalId)).ConfigureAwait(false),
            cancellationToken);
    }

    public Task<CustomerPost?> FindActiveInThreadAsync(string source, string threadId, CancellationToken cancellationToken = default) =>
        database.RunAsync(
            async c => await ReadOne(
                c,
                $"SELECT {PostColumns} FROM posts WHERE source = $source AND thread_id = $thread AND state NOT IN ('{PostState.Closed}', '{PostState.Dismissed}') ORDER BY received_at DESC LIMIT 1",
                cancellationToken,
                ("$source", source),
                ("$thread", threadId)).ConfigureAwait(false),
            cancellationToken);

    public Task<IReadOnlyList<CustomerPost>> ListAsync(PostQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var where = new List<string>();
        var parameters = new List<(string, object?)>();
        if (query.Queue is not null)
        {
            where.Add("queue = $queue");
            parameters.Add(("$queue", query.Queue));
        }

        if (query.Owner is not null)
        {
            where.Add("owner = $owner");
            parameters.Add(("$owner", query.Owner));
        }

        if (query.States is { Count: > 0 } states)
        {
            // Enum names only: safe to inline.
            where.Add($"state IN ({string.Join(", ", states.Select(s => $"'{s}'"))})");
        }

        parameters.Add(("$limit", query.Limit));
        var sql = $"SELECT {PostColumns} FROM posts {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")} ORDER BY received_at DESC, id LIMIT $limit";
        return database.RunAsync(async c =>
        {
            await using var command = c.Command(sql, null, [.. parameters]);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var posts = new List<CustomerPost>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                posts.Add(Deserialize(reader.GetString(0)));
            }

            return (IReadOnlyList<CustomerPost>)posts;
        }, cancellationToken);
    }

    public Task<IReadOnlyDictionary<PostState, long>> CountByStateAsync(CancellationToken cancellationToken = default) =>
        database.RunAsync(async c =>
        {
            await using var command = c.Command("SELECT state, COUNT(*) FROM posts GROUP BY state");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var counts = Enum.GetValues<PostState>().ToDictionary(s => s, _ => 0L);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                counts[Enum.Parse<PostState>(reader.GetString(0))] = reader.GetInt64(1);
            }

            return (IReadOnlyDictionary<PostState, long>)counts;
        }, cancellationToken);

    public Task<bool> WasAppliedAsync(string commandKey, CancellationToken cancellationToken = default) =>
        database.RunAsync(
            async c => await c.ScalarAsync("SELECT 1 FROM command_keys WHERE key = $key", null, cancellationToken, ("$key", commandKey)).ConfigureAwait(false) is not null,
            cancellationToken);

    public Task<CreateOutcome> CreateAsync(NewPost post, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(post);
        var p = post.Post;
        return database.RunAsync(async c =>
        {
            await using var tx = (SqliteTransaction)await c.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            if (!await RecordIngestedAsync(c, tx, new IngestKey(p.Source, p.ExternalId), p.Id, p.ReceivedAt, cancellationToken).ConfigureAwait(false))
            {
                var existing = (string)(await c.ScalarAsync("SELECT post_id FROM ingested WHERE source = $source AND external_id = $external", tx, cancellationToken, ("$source", p.Source), ("$external", p.ExternalId)).ConfigureAwait(false))!;
                await tx.RollbackAsync(cancellationToken).ConfigureAwait(false);
                return new CreateOutcome(false, existing);
            }

            await c.ExecuteAsync(
                """
                INSERT INTO posts (id, source, external_id, thread_id, queue, state, owner, version, received_at, updated_at, body)
                VALUES ($id, $source, $external, $thread, $queue, $state, $owner, $version, $received, $updated, $body)
                """,
                tx,
                cancellationToken,
                [.. PostParameters(p)]).ConfigureAwait(false);
            await WriteSideEffects(c, tx, p, post.Audit, post.Outbox, cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new CreateOutcome(true, p.Id);
        }, cancellationToken);
    }

    public Task<SaveOutcome> SaveAsync(PostChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var p = change.Post;
        return database.RunAsync(async c =>
        {
            await using var tx = (SqliteTransaction)await c.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var updated = await c.ExecuteAsync(
                """
                UPDATE posts SET queue = $queue, state = $state, owner = $owner, version = $version, updated_at = $updated, body = $body, thread_id = $thread
                WHERE id = $id AND version = $expected
                """,
                tx,
                cancellationToken,
                [.. PostParameters(p), ("$expected", change.ExpectedVersion)]).ConfigureAwait(false);
            if (updated == 0)
            {
                await tx.RollbackAsync(cancellationToken).ConfigureAwait(false);
                return SaveOutcome.VersionConflict;
            }

            if (change.CommandKey is { } key)
            {
                var fresh = await c.ExecuteAsync(
                    "INSERT INTO command_keys (key, post_id, at) VALUES ($key, $post, $at) ON CONFLICT DO NOTHING",
                    tx,
                    cancellationToken,
                    ("$key", key),
                    ("$post", p.Id),
                    ("$at", p.UpdatedAt.ToUnixMs())).ConfigureAwait(false);
                if (fresh == 0)
                {
                    await tx.RollbackAsync(cancellationToken).ConfigureAwait(false);
                    return SaveOutcome.DuplicateCommand;
                }
            }

            if (change.Ingest is { } ingest)
            {
                if (!await RecordIngestedAsync(c, tx, ingest, p.Id, p.UpdatedAt, cancellationToken).ConfigureAwait(false))
                {
                    await tx.RollbackAsync(cancellationToken).ConfigureAwait(false);
                    return SaveOutcome.DuplicateIngest;
                }
            }

            if (change.Reply is { } reply)
            {
                await c.ExecuteAsync(
                    """
                    INSERT INTO sent_replies (post_id, number, source, handle, sent_by, sent_at, text)
                    VALUES ($post, $number, $source, $handle, $by, $at, $text)
                    """,
                    tx,
                    cancellationToken,
                    ("$post", p.Id),
                    ("$number", p.Replies.Count),
                    ("$source", p.Source),
                    ("$handle", CustomerKey.Handle(p.Author.Handle)),
                    ("$by", reply.SentBy),
                    ("$at", reply.At.ToUnixMs()),
                    ("$text", reply.Text)).ConfigureAwait(false);
            }

            if (change.Reached is { } reached)
            {
                await c.ExecuteAsync(
                    "UPDATE sent_replies SET delivered_at = $at, external_id = COALESCE($external, external_id) WHERE post_id = $post AND number = $number",
                    tx,
                    cancellationToken,
                    ("$at", reached.At.ToUnixMs()),
                    ("$external", reached.ExternalId),
                    ("$post", p.Id),
                    ("$number", reached.Number)).ConfigureAwait(false);
            }

            if (change.Consent is { } consent)
            {
                await SqliteConsentStore.WriteAsync(c, tx, consent, cancellationToken).ConfigureAwait(false);
            }

            await WriteSideEffects(c, tx, p, change.Audit, change.Outbox, cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            return SaveOutcome.Saved;
        }, cancellationToken);
    }

    public Task PurgeCommandKeysAsync(DateTimeOffset before, CancellationToken cancellationToken = default) =>
        database.RunAsync(c => c.ExecuteAsync("DELETE FROM command_keys WHERE at < $before", null, cancellationToken, ("$before", before.ToUnixMs())), cancellationToken);

    /// <summary>Records which post a customer message went to; false when it was recorded before.</summary>
    private static async Task<bool> RecordIngestedAsync(SqliteConnection c, SqliteTransaction tx, IngestKey key, string postId, DateTimeOffset at, CancellationToken cancellationToken) =>
        await c.ExecuteAsync(
            "INSERT INTO ingested (source, external_id, post_id, at) VALUES ($source, $external, $post, $at) ON CONFLICT DO NOTHING",
            tx,
            cancellationToken,
            ("$source", key.Source),
            ("$external", key.ExternalId),
            ("$post", postId),
            ("$at", at.ToUnixMs())).ConfigureAwait(false) == 1;

    /// <summary>The audit event, the outbox messages and the SLA timer that go with every post write.</summary>
    private static async Task WriteSideEffects(SqliteConnection c, SqliteTransaction tx, CustomerPost post, AuditEvent audit, IReadOnlyList<OutboxMessage> outbox, CancellationToken cancellationToken)
    {
        await c.ExecuteAsync(
            "INSERT INTO audit (post_id, at, body) VALUES ($post, $at, $body)",
            tx,
            cancellationToken,
            ("$post", audit.PostId),
            ("$at", audit.At.ToUnixMs()),
            ("$body", JsonSerializer.Serialize(audit, StoreJson.Default.AuditEvent))).ConfigureAwait(false);

        foreach (var message in outbox)
        {
            await c.ExecuteAsync(
                """
                INSERT INTO outbox (post_id, target, kind, created_at, due_at, attempts, body)
                VALUES ($post, $target, $kind, $created, $due, 0, $body)
                """,
                tx,
                cancellationToken,
                ("$post", message.PostId),
                ("$target", message.Target),
                ("$kind", message.Kind.ToString()),
                ("$created", message.CreatedAt.ToUnixMs()),
                ("$due", message.DueAt.ToUnixMs()),
                ("$body", JsonSerializer.Serialize(new StoredOutboxBody(message.Text, message.People, message.ReplyNumber), StoreJson.Default.StoredOutboxBody))).ConfigureAwait(false);
        }

        if (post.NextSlaDueAt is { } due)
        {
            // A new due time releases any lease on the old one; the same due time keeps it.
            await c.ExecuteAsync(
                """
                INSERT INTO sla_timers (post_id, due_at, lease_until) VALUES ($post, $due, NULL)
                ON CONFLICT (post_id) DO UPDATE SET
                    lease_until = CASE WHEN sla_timers.due_at = excluded.due_at THEN sla_timers.lease_until ELSE NULL END,
                    due_at = excluded.due_at
                """,
                tx,
                cancellationToken,
                ("$post", post.Id),
                ("$due", due.ToUnixMs())).ConfigureAwait(false);
        }
        else
        {
            await c.ExecuteAsync("DELETE FROM sla_timers WHERE post_id = $post", tx, cancellationToken, ("$post", post.Id)).ConfigureAwait(false);
        }
    }

    private static IEnumerable<(string, object?)> PostParameters(CustomerPost p) =>
    [
        ("$id", p.Id),
        ("$source", p.Source),
        ("$external", p.ExternalId),
        ("$thread", p.ThreadId),
        ("$queue", p.Queue),
        ("$state", p.State.ToString()),
        ("$owner", p.Owner),
        ("$version", p.Version),
        ("$received", p.ReceivedAt.ToUnixMs()),
        ("$updated", p.UpdatedAt.ToUnixMs()),
        ("$body", JsonSerializer.Serialize(p, StoreJson.Default.CustomerPost)),
    ];

    private static async Task<CustomerPost?> ReadOne(SqliteConnection c, string sql, CancellationToken cancellationToken, params (string, object?)[] parameters) =>
        await c.ScalarAsync(sql, null, cancellationToken, parameters).ConfigureAwait(false) is string body ? Deserialize(body) : null;

    private static CustomerPost Deserialize(string body) =>
        JsonSerializer.Deserialize(body, StoreJson.Default.CustomerPost) ?? throw new InvalidDataException("A stored post is empty.");
}
