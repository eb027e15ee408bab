using System.Numerics;
using System.Text.Json;
using ChatOpsReply.Posts;
using Microsoft.Data.Sqlite;

namespace ChatOpsReply.Storage.Sqlite;

/// <summary>Posts in SQLite: the post as JSON plus the columns it is found by; every write is all or nothing, committed in a group (<see cref="SqliteDatabase.WriteAsync"/>).</summary>
public sealed class SqlitePostStore(SqliteDatabase database) : IPostStore
{
    private const string PostColumns = "body";

    public Task<CustomerPost?> GetAsync(string postId, CancellationToken cancellationToken = default) =>
        database.ReadAsync(async c => await ReadOne(c, "SELECT body FROM posts WHERE id = $id", cancellationToken, ("$id", postId)).ConfigureAwait(false), cancellationToken);

    public Task<string?> FindIngestedAsync(IngestKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return database.ReadAsync(
            async c => (string?)await c.ScalarAsync("SELECT post_id FROM ingested WHERE source = $source AND external_id = $external", null, cancellationToken, ("$source", key.Source), ("$external", key.ExternalId)).ConfigureAwait(false),
            cancellationToken);
    }

    public Task<CustomerPost?> FindActiveInThreadAsync(string source, string threadId, CancellationToken cancellationToken = default) =>
        database.ReadAsync(async c => await ReadOne(c, ActiveInThread("body"), cancellationToken, ("$source", source), ("$thread", threadId)).ConfigureAwait(false), cancellationToken);

    public Task<IReadOnlyList<CustomerPost>> ListAsync(PostQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var where = new List<string>();
        var parameters = new List<(string, object?)>();
        void Filter(string condition, string name, object? value)
        {
            where.Add(condition);
            parameters.Add((name, value));
        }

        if (query.Queue is not null)
        {
            Filter("queue = $queue", "$queue", query.Queue);
        }

        if (query.Owner is not null)
        {
            Filter("owner = $owner", "$owner", query.Owner);
        }

        if (query.States is { Count: > 0 } states)
        {
            // Enum names only: safe to inline.
            where.Add($"state IN ({string.Join(", ", states.Select(s => $"'{s}'"))})");
        }

        if (query.Source is not null)
        {
            Filter("source = $source", "$source", query.Source);
        }

        if (query.Handle is not null)
        {
            Filter("handle = $handle", "$handle", CustomerKey.Handle(query.Handle));
        }

        if (query.Sensitive is { } sensitive)
        {
            where.Add(sensitive ? "sensitive = 1" : "sensitive = 0");
        }

        if (query.Tier is { } tier)
        {
            // Read from the body of the posts the other filters leave: no column of its own to keep up at every write.
            Filter("json_extract(body, '$.Tier') = $tier", "$tier", tier);
        }

        if (query.MissedAtTier is { } missed)
        {
            Filter("EXISTS (SELECT 1 FROM json_each(body, '$.BreachTiers') WHERE value = $missedAt)", "$missedAt", missed);
        }

        if (query.Breached is { } breached)
        {
            where.Add(breached ? "breaches > 0" : "breaches = 0");
        }

        if (query.ReceivedFrom is { } from)
        {
            Filter("received_at >= $from", "$from", from.ToUnixMs());
        }

        if (query.ReceivedBefore is { } before)
        {
            Filter("received_at < $before", "$before", before.ToUnixMs());
        }

        // The same words each field was indexed by (WriteWordsAsync): a customer's all, a text's less the commonest.
        foreach (var (field, words, wanted) in new[] { (WordField.Customer, query.Customer, PostSearchWords.AllOf(query.Customer)), (WordField.Text, query.Text, PostSearchWords.Of(query.Text)) })
        {
            if (words is not null && wanted.Count == 0)
            {
                return Task.FromResult<IReadOnlyList<CustomerPost>>([]);
            }

            for (var i = 0; i < wanted.Count; i++)
            {
                Filter($"id IN (SELECT post_id FROM post_words WHERE field = {(int)field} AND word = $w{(int)field}_{i})", $"$w{(int)field}_{i}", wanted[i]);
            }
        }

        parameters.Add(("$limit", query.Limit));
        var order = query.Order switch
        {
            // Posts without a running timer go after every due time, newest first (as the Redis index scores them).
            PostOrder.Due => $"coalesce(due_at, {NoDueScore} - received_at), id",
            PostOrder.Activity => "updated_at DESC, id",
            _ => "received_at DESC, id",
        };
        var sql = $"SELECT {PostColumns} FROM posts {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")} ORDER BY {order} LIMIT $limit";
        return database.ReadAsync(async c =>
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

    /// <summary>The due-order score of a post with no running timer, minus its arrival: after every real due time.</summary>
    internal const long NoDueScore = 8_000_000_000_000_000;

    public Task<IReadOnlyDictionary<PostState, long>> CountByStateAsync(CancellationToken cancellationToken = default) =>
        database.ReadAsync(async c =>
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
        database.ReadAsync(
            async c => await c.ScalarAsync("SELECT 1 FROM command_keys WHERE key = $key", null, cancellationToken, ("$key", commandKey)).ConfigureAwait(false) is not null,
            cancellationToken);

    public Task<CreateOutcome> CreateAsync(NewPost post, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(post);
        var p = post.Post;
        // Serialized before the writer's turn, so the turn holds only the statements.
        (string, object?)[] row = [.. PostParameters(p), ("$handle", CustomerKey.Handle(p.Author.Handle)), ("$sensitive", p.Sensitivity is null ? 0 : 1)];
        var sideEffects = SideEffects.Of(p, post.Audit, post.Outbox);
        return database.WriteAsync(async w =>
        {
            if (!await RecordIngestedAsync(w, new IngestKey(p.Source, p.ExternalId), p.Id, p.ReceivedAt, cancellationToken).ConfigureAwait(false))
            {
                w.Undo();
                var existing = (string)(await w.ScalarAsync("SELECT post_id FROM ingested WHERE source = $source AND external_id = $external", cancellationToken, ("$source", p.Source), ("$external", p.ExternalId)).ConfigureAwait(false))!;
                return new CreateOutcome(false, existing);
            }

            if (post.UnlessThreadActive && await w.ScalarAsync(ActiveInThread("id"), cancellationToken, ("$source", p.Source), ("$thread", p.ThreadId)).ConfigureAwait(false) is string active)
            {
                w.Undo();
                return new CreateOutcome(false, active) { ThreadActive = true };
            }

            await w.ExecuteAsync(
                """
                INSERT INTO posts (id, source, external_id, thread_id, queue, state, owner, version, received_at, updated_at, body, handle, sensitive, breaches, due_at)
                VALUES ($id, $source, $external, $thread, $queue, $state, $owner, $version, $received, $updated, $body, $handle, $sensitive, $breaches, $due)
                """,
                cancellationToken,
                row).ConfigureAwait(false);
            await WriteWordsAsync(w, p, cancellationToken).ConfigureAwait(false);
            await sideEffects.WriteAsync(w, cancellationToken).ConfigureAwait(false);
            return new CreateOutcome(true, p.Id);
        }, cancellationToken);
    }

    public Task<SaveOutcome> SaveAsync(PostChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var p = change.Post;
        (string, object?)[] row = [.. PostParameters(p), ("$expected", change.ExpectedVersion)];
        var sideEffects = SideEffects.Of(p, change.Audit, change.Outbox);
        return database.WriteAsync(async w =>
        {
            var updated = await w.ExecuteAsync(
                """
                UPDATE posts SET queue = $queue, state = $state, owner = $owner, version = $version, updated_at = $updated, body = $body, thread_id = $thread,
                    breaches = $breaches, due_at = $due
                WHERE id = $id AND version = $expected
                """,
                cancellationToken,
                row).ConfigureAwait(false);
            if (updated == 0)
            {
                w.Undo();
                return SaveOutcome.VersionConflict;
            }

            if (change.CommandKey is { } key)
            {
                var fresh = await w.ExecuteAsync(
                    "INSERT INTO command_keys (key, post_id, at) VALUES ($key, $post, $at) ON CONFLICT DO NOTHING",
                    cancellationToken,
                    ("$key", key),
                    ("$post", p.Id),
                    ("$at", p.UpdatedAt.ToUnixMs())).ConfigureAwait(false);
                if (fresh == 0)
                {
                    w.Undo();
                    return SaveOutcome.DuplicateCommand;
                }
            }

            if (change.Ingest is { } ingest && !await RecordIngestedAsync(w, ingest, p.Id, p.UpdatedAt, cancellationToken).ConfigureAwait(false))
            {
                w.Undo();
                return SaveOutcome.DuplicateIngest;
            }

            if (change.Reply is { } reply)
            {
                await w.ExecuteAsync(
                    """
                    INSERT INTO sent_replies (post_id, number, source, handle, sent_by, sent_at, text)
                    VALUES ($post, $number, $source, $handle, $by, $at, $text)
                    """,
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
                await w.ExecuteAsync(
                    "UPDATE sent_replies SET delivered_at = $at, external_id = COALESCE($external, external_id) WHERE post_id = $post AND number = $number",
                    cancellationToken,
                    ("$at", reached.At.ToUnixMs()),
                    ("$external", reached.ExternalId),
                    ("$post", p.Id),
                    ("$number", reached.Number)).ConfigureAwait(false);
            }

            if (change.Consent is { } consent)
            {
                await SqliteConsentStore.WriteAsync(w.Connection, w.Transaction, consent, cancellationToken).ConfigureAwait(false);
            }

            await sideEffects.WriteAsync(w, cancellationToken).ConfigureAwait(false);
            return SaveOutcome.Saved;
        }, cancellationToken);
    }

    public Task PurgeCommandKeysAsync(DateTimeOffset before, CancellationToken cancellationToken = default) =>
        database.RunAsync(c => c.ExecuteAsync("DELETE FROM command_keys WHERE at < $before", null, cancellationToken, ("$before", before.ToUnixMs())), cancellationToken);

    /// <summary>The newest active post of a source's thread: its <paramref name="column"/>.</summary>
    private static string ActiveInThread(string column) =>
        $"SELECT {column} FROM posts WHERE source = $source AND thread_id = $thread AND state NOT IN ('{PostState.Closed}', '{PostState.Dismissed}') ORDER BY received_at DESC LIMIT 1";

    /// <summary>Records which post a customer message went to; false when it was recorded before.</summary>
    private static async Task<bool> RecordIngestedAsync(SqliteWrite w, IngestKey key, string postId, DateTimeOffset at, CancellationToken cancellationToken) =>
        await w.ExecuteAsync(
            "INSERT INTO ingested (source, external_id, post_id, at) VALUES ($source, $external, $post, $at) ON CONFLICT DO NOTHING",
            cancellationToken,
            ("$source", key.Source),
            ("$external", key.ExternalId),
            ("$post", postId),
            ("$at", at.ToUnixMs())).ConfigureAwait(false) == 1;

    /// <summary>The audit event, the outbox messages and the SLA timer that go with every post write, serialized ahead of the write.</summary>
    private sealed record SideEffects(string PostId, (string, object?)[] Audit, string AuditHash, IReadOnlyList<(string, object?)[]> Outbox, long? SlaDue)
    {
        public static SideEffects Of(CustomerPost post, AuditEvent audit, IReadOnlyList<OutboxMessage> outbox) => new(
            post.Id,
            [("$post", audit.PostId), ("$at", audit.At.ToUnixMs()), ("$body", JsonSerializer.Serialize(audit, StoreJson.Default.AuditEvent))],
            AuditChain.ContentHash(audit),
            [.. outbox.Select(SqliteOutbox.Parameters)],
            post.NextSlaDueAt?.ToUnixMs());

        public async Task WriteAsync(SqliteWrite w, CancellationToken cancellationToken)
        {
            await AppendAuditAsync(w, cancellationToken).ConfigureAwait(false);
            foreach (var message in Outbox)
            {
                await w.ExecuteAsync(SqliteOutbox.Insert, cancellationToken, message).ConfigureAwait(false);
            }

            if (SlaDue is { } due)
            {
                // A new due time releases any lease on the old one; the same due time keeps it.
                await w.ExecuteAsync(
                    """
                    INSERT INTO sla_timers (post_id, due_at, lease_until) VALUES ($post, $due, NULL)
                    ON CONFLICT (post_id) DO UPDATE SET
                        lease_until = CASE WHEN sla_timers.due_at = excluded.due_at THEN sla_timers.lease_until ELSE NULL END,
                        due_at = excluded.due_at
                    """,
                    cancellationToken,
                    ("$post", PostId),
                    ("$due", due)).ConfigureAwait(false);
            }
            else
            {
                await w.ExecuteAsync("DELETE FROM sla_timers WHERE post_id = $post", cancellationToken, ("$post", PostId)).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// The event, linked to its post's last event and to the store-wide chain's last (both read
        /// in the writer's turn, so no other write comes between; one statement, two index seeks).
        /// </summary>
        private async Task AppendAuditAsync(SqliteWrite w, CancellationToken cancellationToken)
        {
            string previousLink = "", previousChain = "";
            long sequence = 0;
            await using (var last = w.Command("SELECT (SELECT link FROM audit WHERE post_id = $post ORDER BY seq DESC LIMIT 1), seq, chain FROM audit ORDER BY seq DESC LIMIT 1", ("$post", PostId)))
            await using (var reader = await last.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    previousLink = reader.IsDBNull(0) ? "" : reader.GetString(0);
                    sequence = reader.GetInt64(1);
                    previousChain = reader.IsDBNull(2) ? "" : reader.GetString(2);
                }
            }

            sequence++;
            var link = AuditChain.Link(previousLink, AuditHash);
            await w.ExecuteAsync(
                "INSERT INTO audit (seq, post_id, at, body, hash, link, chain) VALUES ($seq, $post, $at, $body, $hash, $link, $chain)",
                cancellationToken,
                [.. Audit, ("$seq", sequence), ("$hash", AuditHash), ("$link", link), ("$chain", AuditChain.Chain(previousChain, sequence, link))]).ConfigureAwait(false);
        }
    }

    private static (string, object?)[] PostParameters(CustomerPost p) =>
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
        ("$breaches", p.SlaBreaches),
        ("$due", p.NextSlaDueAt?.ToUnixMs()),
    ];

    // The most rows one word insert takes; a post's words are sent in statements of at most this many.
    private const int WordsPerInsert = 64;

    /// <summary>
    /// The words the post is found by (its text and customer never change, so only its creation writes
    /// them), a few statements of many rows rather than one statement a word: a post has a dozen words
    /// or more, and each statement is bound and stepped in the writer's turn, which every other write
    /// waits for (bench: ingest).
    /// A statement's row count is rounded up to a power of two by repeating its last row, which the
    /// conflict clause ignores, so a handful of SQL texts cover every post and stay compiled.
    /// </summary>
    private static async Task WriteWordsAsync(SqliteWrite w, CustomerPost p, CancellationToken cancellationToken)
    {
        var rows = PostSearchWords.OfCustomer(p.Author).Select(word => (Field: WordField.Customer, Word: word))
            .Concat(PostSearchWords.Of(p.Text).Select(word => (Field: WordField.Text, Word: word)))
            .ToList();
        foreach (var chunk in rows.Chunk(WordsPerInsert))
        {
            var count = (int)BitOperations.RoundUpToPowerOf2((uint)chunk.Length);
            var parameters = new (string, object?)[(2 * count) + 1];
            parameters[0] = ("$post", p.Id);
            for (var i = 0; i < count; i++)
            {
                var (field, word) = chunk[Math.Min(i, chunk.Length - 1)];
                parameters[(2 * i) + 1] = ($"$f{i}", (int)field);
                parameters[(2 * i) + 2] = ($"$w{i}", word);
            }

            await w.ExecuteAsync(WordInsert(count), cancellationToken, parameters).ConfigureAwait(false);
        }
    }

    private static readonly string[] WordInserts = [.. Enumerable.Range(0, BitOperations.Log2(WordsPerInsert) + 1).Select(log =>
        "INSERT INTO post_words (field, word, post_id) VALUES "
        + string.Join(", ", Enumerable.Range(0, 1 << log).Select(i => $"($f{i}, $w{i}, $post)"))
        + " ON CONFLICT DO NOTHING")];

    private static string WordInsert(int rows) => WordInserts[BitOperations.Log2((uint)rows)];

    private enum WordField
    {
        Customer = 1,
        Text = 2,
    }

    private static async Task<CustomerPost?> ReadOne(SqliteConnection c, string sql, CancellationToken cancellationToken, params (string, object?)[] parameters) =>
        await c.ScalarAsync(sql, null, cancellationToken, parameters).ConfigureAwait(false) is string body ? Deserialize(body) : null;

    private static CustomerPost Deserialize(string body) =>
        JsonSerializer.Deserialize(body, StoreJson.Default.CustomerPost) ?? throw new InvalidDataException("A stored post is empty.");
}
