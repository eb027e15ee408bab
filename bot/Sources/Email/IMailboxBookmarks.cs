namespace ChatOpsReply.Sources.Email;

/// <summary>
/// Where each mailbox was read up to, so a restart or another instance carries on from there and
/// each message is taken in once (a message read twice anyway is deduplicated by its Message-ID).
/// </summary>
public interface IMailboxBookmarks
{
    /// <param name="mailbox">The mailbox and folder, e.g. "support@imap.example.com/INBOX".</param>
    Task<MailboxBookmark?> GetAsync(string mailbox, CancellationToken cancellationToken = default);

    /// <summary>Moves the bookmark forward: a lower UID of the same UIDVALIDITY is ignored; another UIDVALIDITY replaces it.</summary>
    Task AdvanceAsync(string mailbox, MailboxBookmark bookmark, CancellationToken cancellationToken = default);
}
