using ChatOpsReply.Delivery;
using ChatOpsReply.Posts;
using ChatOpsReply.Sources.Email;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Sources.Email;

/// <summary>Replies by e-mail: from the mailbox through the workflow to a real SMTP server, in the customer's thread.</summary>
public sealed class EmailRepliesTests
{
    private const string Reply = "Hello Ana, your parcel left our depot this morning and arrives tomorrow.";

    [Fact]
    public async Task A_reply_goes_from_the_queues_address_to_the_customer_in_their_thread()
    {
        using var email = EmailHost.Start();
        await LifecycleAsync(email);
    }

    [Fact]
    public async Task The_same_lifecycle_works_on_redis()
    {
        using var email = EmailHost.Start(RedisSettings.Fresh(RedisServer.Shared));
        await LifecycleAsync(email);
    }

    [Fact]
    public async Task A_recipient_the_server_refuses_is_final_with_the_servers_words()
    {
        using var email = EmailHost.Start();
        var result = await SendDirectlyAsync(email, "refused@example.com");

        Assert.Equal(SurfaceDeliveryStatus.Failed, result.Status);
        Assert.Contains("The mail server refused the reply", result.Reason, StringComparison.Ordinal);
        Assert.Contains("550", result.Reason, StringComparison.Ordinal);
        Assert.Equal(ReplyDeliveryStatus.Refused, result.Reply);

        // Through the outbox, the owner's card says it and offers no retry.
        await email.Host.DeliverAsync();
        var postId = (await email.Host.Service<IPostStore>().ListAsync(new PostQuery())).Single().Id;
        await FinalRefusal.AssertAsync(email.Host, postId, "The mail server refused the reply");
    }

    [Fact]
    public async Task A_deferral_or_a_server_that_is_down_is_retried()
    {
        using var email = EmailHost.Start();
        var deferred = await SendDirectlyAsync(email, "busy@example.com");
        email.Smtp.Stop();
        var down = await SendDirectlyAsync(email, "ana.b@example.com");

        Assert.Equal((SurfaceDeliveryStatus.Retry, SurfaceDeliveryStatus.Retry), (deferred.Status, down.Status));
        Assert.Contains("451", deferred.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reply_whose_end_of_data_was_never_answered_is_not_sent_again()
    {
        using var email = EmailHost.Start();
        var result = await SendDirectlyAsync(email, "slow@example.com");

        Assert.Equal(SurfaceDeliveryStatus.Failed, result.Status);
        Assert.Contains("may not have been delivered", result.Reason, StringComparison.Ordinal);
        Assert.Equal(ReplyDeliveryStatus.Unknown, result.Reply);
    }

    [Fact]
    public async Task The_reader_survives_the_mail_server_being_down_and_takes_mail_in_once_it_is_back()
    {
        using var email = EmailHost.Start(readInBackground: true);
        using var client = email.Host.CreateClient();
        email.Imap.Stop();
        for (var i = 0; i < 5; i++)
        {
            // The reader fails to connect and waits; the service goes on answering.
            email.Host.Time.Advance(TimeSpan.FromSeconds(30));
            await Task.Delay(100);
            Assert.True((await client.GetAsync("/healthz")).IsSuccessStatusCode);
        }

        email.Imap.Restart();
        var mail = EmailHost.Mail("Parcel 5512", "Where is my parcel?");
        await email.Imap.AppendAsync(mail);
        string? postId = null;
        for (var i = 0; i < 100 && postId is null; i++)
        {
            // Moves the reader's backoff along; IDLE wakes it for new mail.
            email.Host.Time.Advance(TimeSpan.FromSeconds(30));
            await Task.Delay(100);
            postId = await email.Host.Service<IPostStore>().FindIngestedAsync(new IngestKey("email", mail.MessageId!));
        }

        Assert.True(postId is not null, email.Host.Errors.ToString());
    }

    private static async Task LifecycleAsync(EmailHost email)
    {
        var first = EmailHost.Mail("Parcel 5512 never arrived", "Where is my parcel?");
        var postId = await email.ReceiveAsync(first);
        var followUp = EmailHost.Mail("Re: Parcel 5512 never arrived", "Any news?", inReplyTo: first);
        await email.Imap.AppendAsync(followUp);
        await email.ReadAsync();

        await email.Host.ActAsync(postId, PostTrigger.Claim, "alice");
        await email.Host.ActAsync(postId, PostTrigger.SubmitDraft, "alice", new DraftInput(Reply));
        Assert.Equal(CommandOutcome.Applied, (await email.Host.ActAsync(postId, PostTrigger.Send, "alice")).Outcome);
        await email.Host.DeliverAsync();

        var sent = Assert.Single(email.Smtp.Messages());
        Assert.Equal("office@acme.test", sent.From.Mailboxes.Single().Address);
        Assert.Equal(EmailHost.Customer, sent.To.Mailboxes.Single().Address);
        Assert.Equal("Re: Parcel 5512 never arrived", sent.Subject);
        Assert.Equal(followUp.MessageId, sent.InReplyTo);
        Assert.Equal([first.MessageId!, followUp.MessageId!], sent.References);
        Assert.Equal(Reply, sent.TextBody?.Trim());
        Assert.NotNull(await email.Host.Service<ISentReplies>().DeliveredAtAsync(postId, 1));
        Assert.Equal(PostState.Sent, (await email.Host.PostAsync(postId)).State);

        // The customer answers our reply: it joins the same post again.
        var answer = EmailHost.Mail("Re: Parcel 5512 never arrived", "Thanks, got it!", inReplyTo: sent);
        await email.Imap.AppendAsync(answer);
        await email.ReadAsync();
        Assert.Equal(answer.MessageId, (await email.Host.PostAsync(postId)).FollowUps[^1].ExternalId);
    }

    private static async Task<SurfaceDelivery> SendDirectlyAsync(EmailHost email, string customer)
    {
        var postId = await email.ReceiveAsync(EmailHost.Mail("Parcel", "Where is my parcel?", from: customer));
        await email.Host.ActAsync(postId, PostTrigger.Claim, "alice");
        await email.Host.ActAsync(postId, PostTrigger.SubmitDraft, "alice", new DraftInput(Reply));
        await email.Host.ActAsync(postId, PostTrigger.Send, "alice");
        var post = await email.Host.PostAsync(postId);
        return await email.Host.Service<EmailReplySender>().SendAsync(post, post.Replies[0], 1, CancellationToken.None);
    }
}
