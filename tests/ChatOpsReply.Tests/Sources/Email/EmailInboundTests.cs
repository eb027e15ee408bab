using ChatOpsReply.Posts;
using ChatOpsReply.Sources.Email;
using ChatOpsReply.Tests.Support;
using MailKit;
using MimeKit;

namespace ChatOpsReply.Tests.Sources.Email;

/// <summary>Mail read from a real Dovecot mailbox: posts, threads, what is trimmed and listed, what is no post, and each message once.</summary>
public sealed class EmailInboundTests : IDisposable
{
    private readonly EmailHost _email = EmailHost.Start();

    public void Dispose() => _email.Dispose();

    [Fact]
    public async Task A_customers_mail_becomes_a_post_with_its_subject_sender_and_words()
    {
        var mail = EmailHost.Mail("Parcel 5512 never arrived", "Hello,\n\nmy parcel 5512 never arrived. Can you help?\n\nAna");

        var post = await _email.Host.PostAsync(await _email.ReceiveAsync(mail));

        Assert.Equal(("email", EmailHost.Customer, "Ana Lopez"), (post.Source, post.Author.Handle, post.Author.DisplayName));
        Assert.Equal("Subject: Parcel 5512 never arrived\n\nHello,\n\nmy parcel 5512 never arrived. Can you help?\n\nAna", post.Text);
        Assert.Equal((mail.MessageId, mail.MessageId), (post.ExternalId, post.ThreadId));
        Assert.Equal("office", post.Queue);
    }

    [Fact]
    public async Task Quoted_history_is_trimmed_and_attachments_are_listed_by_name_and_size()
    {
        var mail = EmailHost.Mail("Re: your parcel", "");
        var builder = new BodyBuilder { TextBody = "It still has not come.\n\nOn Mon, 23 Nov 2026 at 08:00, Acme Support <support@acme.test> wrote:\n> We are looking into it.\n> Kind regards" };
        builder.Attachments.Add("label.pdf", new byte[3 * 1024], new ContentType("application", "pdf"));
        mail.Body = builder.ToMessageBody();

        var post = await _email.Host.PostAsync(await _email.ReceiveAsync(mail));

        Assert.Equal($"Subject: Re: your parcel\n\nIt still has not come.\n\n{EmailMessage.TrimmedNote}\n\n[1 attachment: label.pdf (3 KB)]", post.Text);
    }

    [Fact]
    public async Task The_whole_mail_with_its_quoted_history_is_kept_on_the_post_and_shown_on_its_page_to_people_signed_in()
    {
        var first = EmailHost.Mail("Re: your parcel", "It still has not come.\n\nOn Mon, 23 Nov 2026 at 08:00, Acme Support <support@acme.test> wrote:\n> We are looking into it.\n> Kind regards");
        var postId = await _email.ReceiveAsync(first);
        var answer = EmailHost.Mail("Re: your parcel", "Any news?\n\n> It still has not come.", inReplyTo: first);
        await _email.Imap.AppendAsync(answer);
        await _email.ReadAsync();

        var post = await _email.Host.PostAsync(postId);
        Assert.Equal("Subject: Re: your parcel\n\nIt still has not come.\n\nOn Mon, 23 Nov 2026 at 08:00, Acme Support <support@acme.test> wrote:\n> We are looking into it.\n> Kind regards", post.FullText);
        Assert.DoesNotContain("We are looking into it", post.Text, StringComparison.Ordinal);
        Assert.Equal("Subject: Re: your parcel\n\nAny news?\n\n> It still has not come.", Assert.Single(post.FollowUps).FullText);

        var alice = new ConsoleSession(_email.Host.NewClient());
        await alice.SignInAsync("alice");
        var page = System.Net.WebUtility.HtmlDecode(await alice.PageAsync($"/console/posts/{postId}"));
        Assert.Contains("> We are looking into it.\n> Kind regards</pre>", page, StringComparison.Ordinal);
        Assert.Contains("Any news?\n\n> It still has not come.</pre>", page, StringComparison.Ordinal);
        using var anonymous = await _email.Host.NewClient().GetAsync($"/console/posts/{postId}");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.DoesNotContain("We are looking into it", await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A mail with nothing quoted is all on the card: nothing more to keep.
        var plain = await _email.Host.PostAsync(await _email.ReceiveAsync(EmailHost.Mail("Order 77", "Where is order 77?")));
        Assert.Null(plain.FullText);
    }

    [Fact]
    public async Task An_html_only_mail_is_read_as_text()
    {
        var mail = EmailHost.Mail("Order", "");
        mail.Body = new TextPart("html") { Text = "<html><head><style>p{color:red}</style></head><body><p>My order <b>5512</b> is late &amp; I need it.</p><p>Thanks</p></body></html>" };

        var post = await _email.Host.PostAsync(await _email.ReceiveAsync(mail));

        Assert.Equal("Subject: Order\n\nMy order 5512 is late & I need it.\nThanks", post.Text);
    }

    [Fact]
    public async Task The_customers_answer_in_the_thread_attaches_to_their_open_post()
    {
        var first = EmailHost.Mail("Parcel 5512", "Where is it?");
        var postId = await _email.ReceiveAsync(first);
        var answer = EmailHost.Mail("Re: Parcel 5512", "Any news?", inReplyTo: first);

        await _email.Imap.AppendAsync(answer);
        await _email.ReadAsync();

        var post = await _email.Host.PostAsync(postId);
        Assert.Equal([answer.MessageId], post.FollowUps.Select(f => f.ExternalId));
    }

    [Fact]
    public async Task Auto_replies_bulk_mail_and_bounces_are_not_posts()
    {
        var vacation = EmailHost.Mail("Out of office", "I am away until Monday.");
        vacation.Headers.Add("Auto-Submitted", "auto-replied");
        var bulk = EmailHost.Mail("Our newsletter", "News!");
        bulk.Headers.Add("Precedence", "bulk");
        var bounce = EmailHost.Mail("Undelivered Mail Returned to Sender", "", from: "MAILER-DAEMON@mail.example.com", name: "Mail Delivery System");
        var report = new MultipartReport("delivery-status") { new TextPart("plain") { Text = "Your message could not be delivered." } };
        bounce.Body = report;

        foreach (var mail in new[] { vacation, bulk, bounce })
        {
            await _email.Imap.AppendAsync(mail);
        }

        Assert.Equal(3, await _email.ReadAsync());
        Assert.Empty(await _email.Host.Service<IPostStore>().ListAsync(new PostQuery()));
    }

    [Fact]
    public async Task Each_message_is_read_once_across_reads_and_a_restart_and_the_mailbox_is_left_as_it_was()
    {
        await _email.Imap.AppendAsync(EmailHost.Mail("One", "First message here"));
        Assert.Equal(1, await _email.ReadAsync());
        Assert.Equal(0, await _email.ReadAsync());
        await _email.Imap.AppendAsync(EmailHost.Mail("Two", "Second message here"));

        // A restart: a second host on the same database reads on from the bookmark.
        using (var restarted = new ServiceHost(Settings(), folder: _email.Host.Folder))
        {
            Assert.Equal(1, await restarted.Service<EmailMailbox>().ReadOnceAsync());
        }

        Assert.Equal(2, (await _email.Host.Service<IPostStore>().ListAsync(new PostQuery())).Count);
        var bookmark = await _email.Host.Service<IMailboxBookmarks>().GetAsync($"{DovecotServer.User}@127.0.0.1/INBOX");
        Assert.Equal(2u, bookmark!.LastUid);
        Assert.All(await _email.Imap.FlagsAsync(), flags => Assert.False(flags.HasFlag(MessageFlags.Seen)));
    }

    private Dictionary<string, string?> Settings()
    {
        var all = new Dictionary<string, string?>(_email.Imap.Settings);
        foreach (var (key, value) in _email.Smtp.Settings)
        {
            all[key] = value;
        }

        all["Sources:Email:RunInBackground"] = "false";
        return all;
    }
}
