using ChatOpsReply.Sources.Email;

namespace ChatOpsReply.Storage.Sqlite;

public sealed class SqliteMailboxBookmarks(SqliteDatabase database) : IMailboxBookmarks
{
    public Task<MailboxBookmark?> GetAsync(string mailbox, CancellationToken cancellationToken = default) =>
        database.RunAsync(
            async c =>
            {
                using var command = c.CreateCommand();
                command.CommandText = "SELECT uid_validity, last_uid FROM mailbox_bookmarks WHERE mailbox = $mailbox";
                command.Parameters.AddWithValue("$mailbox", mailbox);
                using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                    ? new MailboxBookmark((uint)reader.GetInt64(0), (uint)reader.GetInt64(1))
                    : null;
            },
            cancellationToken);

    public Task AdvanceAsync(string mailbox, MailboxBookmark bookmark, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bookmark);
        return database.RunAsync(
            c => c.ExecuteAsync(
                """
                INSERT INTO mailbox_bookmarks (mailbox, uid_validity, last_uid) VALUES ($mailbox, $validity, $uid)
                ON CONFLICT (mailbox) DO UPDATE SET uid_validity = excluded.uid_validity, last_uid = excluded.last_uid
                WHERE mailbox_bookmarks.uid_validity <> excluded.uid_validity OR mailbox_bookmarks.last_uid < excluded.last_uid
                """,
                null,
                cancellationToken,
                ("$mailbox", mailbox),
                ("$validity", (long)bookmark.UidValidity),
                ("$uid", (long)bookmark.LastUid)),
            cancellationToken);
    }
}
