using ChatOpsReply.WebConsole.Drafts;

namespace ChatOpsReply.Storage.Sqlite;

public sealed class SqliteDraftStore(SqliteDatabase database) : IDraftStore
{
    public Task SaveAsync(WorkingDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return database.RunAsync(
            c => c.ExecuteAsync(
                """
                INSERT INTO working_drafts (post_id, person_id, text, answer_id, answer_version, saved_at)
                VALUES ($post, $person, $text, $answer, $version, $at)
                ON CONFLICT (post_id, person_id) DO UPDATE SET
                    text = excluded.text, answer_id = excluded.answer_id, answer_version = excluded.answer_version, saved_at = excluded.saved_at
                """,
                null,
                cancellationToken,
                ("$post", draft.PostId),
                ("$person", draft.PersonId),
                ("$text", draft.Text),
                ("$answer", draft.AnswerId),
                ("$version", draft.AnswerVersion),
                ("$at", draft.SavedAt.ToUnixMs())),
            cancellationToken);
    }

    public Task<IReadOnlyList<WorkingDraft>> ForPostAsync(string postId, CancellationToken cancellationToken = default) =>
        database.RunAsync(async c =>
        {
            await using var command = c.Command(
                "SELECT person_id, text, answer_id, answer_version, saved_at FROM working_drafts WHERE post_id = $post ORDER BY saved_at DESC, person_id",
                null,
                ("$post", postId));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var drafts = new List<WorkingDraft>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                drafts.Add(new WorkingDraft(postId, reader.GetString(0), reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)))
                {
                    AnswerId = reader.IsDBNull(2) ? null : reader.GetString(2),
                    AnswerVersion = reader.IsDBNull(3) ? null : reader.GetInt32(3),
                });
            }

            return (IReadOnlyList<WorkingDraft>)drafts;
        }, cancellationToken);

    public Task DeleteAsync(string postId, string personId, CancellationToken cancellationToken = default) =>
        database.RunAsync(
            c => c.ExecuteAsync("DELETE FROM working_drafts WHERE post_id = $post AND person_id = $person", null, cancellationToken, ("$post", postId), ("$person", personId)),
            cancellationToken);
}
