using System.Text.Json;
using ChatOpsReply.Library.Model;
using Microsoft.Data.Sqlite;

namespace ChatOpsReply.Storage.Sqlite;

/// <summary>
/// The answer library in SQLite: the current version of each answer as JSON, an append-only
/// table of every version, and a one-row counter that each write moves on (the change stamp).
/// </summary>
public sealed class SqliteCannedAnswerStore(SqliteDatabase database) : ICannedAnswerStore
{
    public Task<CannedAnswer?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        database.RunAsync(
            async c => await c.ScalarAsync("SELECT body FROM answers WHERE id = $id", null, cancellationToken, ("$id", id)).ConfigureAwait(false) is string body ? Deserialize(body) : null,
            cancellationToken);

    public Task<CannedAnswer?> GetVersionAsync(string id, int version, CancellationToken cancellationToken = default) =>
        database.RunAsync(
            async c => await c.ScalarAsync("SELECT body FROM answer_versions WHERE answer_id = $id AND version = $version", null, cancellationToken, ("$id", id), ("$version", version)).ConfigureAwait(false) is string body
                ? Deserialize(body)
                : null,
            cancellationToken);

    public Task<IReadOnlyList<CannedAnswer>> HistoryAsync(string id, CancellationToken cancellationToken = default) =>
        database.RunAsync(
            c => ReadAll(c, null, "SELECT body FROM answer_versions WHERE answer_id = $id ORDER BY version", cancellationToken, ("$id", id)),
            cancellationToken);

    public Task<AnswerSaveOutcome> SaveAsync(IReadOnlyList<CannedAnswer> answers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answers);
        if (answers.Count == 0)
        {
            return Task.FromResult(AnswerSaveOutcome.Saved);
        }

        return database.RunAsync(async c =>
        {
            await using var tx = (SqliteTransaction)await c.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var stamp = SqliteCommands.ToLong(await c.ScalarAsync("UPDATE answer_stamp SET value = value + 1 WHERE id = 1 RETURNING value", tx, cancellationToken).ConfigureAwait(false));
            foreach (var answer in answers)
            {
                var body = JsonSerializer.Serialize(answer, StoreJson.Default.CannedAnswer);
                var written = answer.Version == 1
                    ? await c.ExecuteAsync(
                        "INSERT INTO answers (id, version, stamp, body) VALUES ($id, 1, $stamp, $body) ON CONFLICT DO NOTHING",
                        tx,
                        cancellationToken,
                        ("$id", answer.Id),
                        ("$stamp", stamp),
                        ("$body", body)).ConfigureAwait(false)
                    : await c.ExecuteAsync(
                        "UPDATE answers SET version = $version, stamp = $stamp, body = $body WHERE id = $id AND version = $expected",
                        tx,
                        cancellationToken,
                        ("$id", answer.Id),
                        ("$version", answer.Version),
                        ("$expected", answer.Version - 1),
                        ("$stamp", stamp),
                        ("$body", body)).ConfigureAwait(false);
                if (written == 0)
                {
                    await tx.RollbackAsync(cancellationToken).ConfigureAwait(false);
                    return new AnswerSaveOutcome(answer.Id);
                }

                await c.ExecuteAsync(
                    "INSERT INTO answer_versions (answer_id, version, body) VALUES ($id, $version, $body)",
                    tx,
                    cancellationToken,
                    ("$id", answer.Id),
                    ("$version", answer.Version),
                    ("$body", body)).ConfigureAwait(false);
            }

            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            return AnswerSaveOutcome.Saved;
        }, cancellationToken);
    }

    public Task<AnswerChanges> ChangesSinceAsync(long stamp, CancellationToken cancellationToken = default) =>
        database.RunAsync(async c =>
        {
            // One read transaction: the stamp and the rows come from the same snapshot.
            await using var tx = c.BeginTransaction(deferred: true);
            var now = SqliteCommands.ToLong(await c.ScalarAsync("SELECT value FROM answer_stamp WHERE id = 1", tx, cancellationToken).ConfigureAwait(false));
            var changed = now == stamp ? [] : await ReadAll(c, tx, "SELECT body FROM answers WHERE stamp > $stamp ORDER BY id", cancellationToken, ("$stamp", stamp)).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new AnswerChanges(changed, now);
        }, cancellationToken);

    public Task<bool> RecordUseAsync(AnswerUse use, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(use);
        return database.RunAsync(
            async c => await c.ExecuteAsync(
                "INSERT INTO answer_uses (post_id, reply_number, answer_id, version, at) VALUES ($post, $number, $answer, $version, $at) ON CONFLICT DO NOTHING",
                null,
                cancellationToken,
                ("$post", use.PostId),
                ("$number", use.ReplyNumber),
                ("$answer", use.AnswerId),
                ("$version", use.Version),
                ("$at", use.At.ToUnixMs())).ConfigureAwait(false) == 1,
            cancellationToken);
    }

    public Task<IReadOnlyDictionary<string, AnswerUsage>> UsageAsync(CancellationToken cancellationToken = default) =>
        database.RunAsync(async c =>
        {
            await using var command = c.Command("SELECT answer_id, COUNT(*), MAX(at) FROM answer_uses GROUP BY answer_id");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var usage = new Dictionary<string, AnswerUsage>(StringComparer.Ordinal);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                usage[reader.GetString(0)] = new AnswerUsage(reader.GetInt64(1), SqliteCommands.FromUnixMs(reader.GetInt64(2)));
            }

            return (IReadOnlyDictionary<string, AnswerUsage>)usage;
        }, cancellationToken);

    private static async Task<IReadOnlyList<CannedAnswer>> ReadAll(SqliteConnection c, SqliteTransaction? tx, string sql, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var command = c.Command(sql, tx, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var answers = new List<CannedAnswer>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            answers.Add(Deserialize(reader.GetString(0)));
        }

        return answers;
    }

    private static CannedAnswer Deserialize(string body) =>
        JsonSerializer.Deserialize(body, StoreJson.Default.CannedAnswer) ?? throw new InvalidDataException("A stored answer is empty.");
}
