using ChatOpsReply.Sources.Email;

namespace ChatOpsReply.Tests.Storage;

/// <summary>What every store must do with the e-mail reader's bookmarks, written once and run on each store.</summary>
public abstract class MailboxBookmarksContract : FreshStore
{
    private const string Mailbox = "support@imap.example.com/INBOX";

    private IMailboxBookmarks Bookmarks => Store<IMailboxBookmarks>();

    [Fact]
    public async Task A_bookmark_moves_forward_only_and_a_new_uidvalidity_starts_it_over()
    {
        Assert.Null(await Bookmarks.GetAsync(Mailbox));

        await Bookmarks.AdvanceAsync(Mailbox, new MailboxBookmark(1796117221, 7));
        await Bookmarks.AdvanceAsync(Mailbox, new MailboxBookmark(1796117221, 5));
        Assert.Equal(new MailboxBookmark(1796117221, 7), await Bookmarks.GetAsync(Mailbox));

        await Bookmarks.AdvanceAsync(Mailbox, new MailboxBookmark(1800000000, 2));
        Assert.Equal(new MailboxBookmark(1800000000, 2), await Bookmarks.GetAsync(Mailbox));
        Assert.Null(await Bookmarks.GetAsync("support@imap.example.com/Archive"));
    }
}
