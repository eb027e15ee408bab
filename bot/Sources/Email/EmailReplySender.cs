using System.Net.Sockets;
using ChatOpsReply.Delivery;
using ChatOpsReply.Posts;
using MailKit.Net.Smtp;
using MailKit.Security;
using MailKit;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ChatOpsReply.Sources.Email;

/// <summary>
/// Sends an approved reply as an e-mail over SMTP, from the queue's address, to the customer, as
/// an answer in their thread: "Re:" and their subject, In-Reply-To their newest message and
/// References the whole conversation, so their mail program files it with the rest.
/// </summary>
public sealed partial class EmailReplySender(IOptions<EmailOptions> options, ILogger<EmailReplySender> logger) : IReplySender
{
    public bool CanSendTo(string source) => string.Equals(source, EmailMessage.Source, StringComparison.OrdinalIgnoreCase);

    public async Task<SurfaceDelivery> SendAsync(CustomerPost post, SentReply reply, int number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(reply);
        if (!MailboxAddress.TryParse(post.Author.Handle, out var to) || !to.Address.Contains('@', StringComparison.Ordinal))
        {
            return SurfaceDelivery.Refused($"{Cards.DisplayText.Neutralise(post.Author.Handle)} is not an e-mail address, so the reply cannot go by e-mail.");
        }

        var message = Compose(post, reply, number, to);
        var settings = options.Value;
        using var client = new SmtpClient { Timeout = (int)settings.CommandTimeout.TotalMilliseconds };
        try
        {
            var port = settings.Smtp.Port ?? (settings.Smtp.UseTls ? 587 : 25);
            var security = !settings.Smtp.UseTls ? SecureSocketOptions.None : port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
            await client.ConnectAsync(settings.Smtp.Host!, port, security, cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrWhiteSpace(settings.Smtp.User))
            {
                await client.AuthenticateAsync(settings.Smtp.User, settings.Smtp.Password ?? "", cancellationToken).ConfigureAwait(false);
            }
        }
        catch (AuthenticationException e)
        {
            LogRefused(post.Id, number, e.Message);
            return SurfaceDelivery.Failed($"The mail server refused our sign-in: check Sources:Email:Smtp:User and Password. ({e.Message})");
        }
        catch (Exception e) when (e is IOException or SocketException or TimeoutException or ProtocolException or SmtpCommandException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // Nothing was handed over yet: safe to try again later.
            LogNotSent(post.Id, number, e.Message);
            return SurfaceDelivery.Retry($"The mail server could not be reached: {e.Message}");
        }

        try
        {
            await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (SmtpCommandException e)
        {
            // RFC 5321: 4yz replies are transient, 5yz permanent, section 4.2.1
            LogRefused(post.Id, number, e.Message);
            return (int)e.StatusCode >= 500
                ? SurfaceDelivery.Refused($"The mail server refused the reply: {e.Message} ({(int)e.StatusCode}).")
                : SurfaceDelivery.Retry($"The mail server deferred the reply: {e.Message} ({(int)e.StatusCode})");
        }
        catch (Exception e) when (e is IOException or SocketException or TimeoutException or ProtocolException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // The message may have been handed over before the connection broke.
            LogNotSent(post.Id, number, e.Message);
            return SurfaceDelivery.Unknown($"The mail server stopped answering while the reply was being sent ({e.Message}): it may not have been delivered. Check the sent mail before sending it again.");
        }

        await DisconnectQuietlyAsync(client).ConfigureAwait(false);
        return SurfaceDelivery.Accepted(message.MessageId);
    }

    // RFC 5322: a reply's In-Reply-To is the parent's Message-ID, References the parent's References plus it, section 3.6.4
    private MimeMessage Compose(CustomerPost post, SentReply reply, int number, MailboxAddress to)
    {
        var settings = options.Value;
        var from = MailboxAddress.Parse(settings.QueueAddresses.GetValueOrDefault(post.Queue) ?? settings.Smtp.From!);
        var message = new MimeMessage();
        message.From.Add(from);
        message.To.Add(new MailboxAddress(post.Author.DisplayName ?? "", to.Address));
        var subject = EmailMessage.SubjectOf(post.Text) ?? "Your message";
        message.Subject = subject.StartsWith("Re:", StringComparison.OrdinalIgnoreCase) ? subject : $"Re: {subject}";
        var conversation = post.FollowUps.Select(f => f.ExternalId).Prepend(post.ExternalId).ToList();
        message.InReplyTo = conversation[^1];
        foreach (var id in conversation.Prepend(post.ThreadId ?? post.ExternalId).Distinct(StringComparer.Ordinal))
        {
            message.References.Add(id);
        }

        // The same reply always has the same Message-ID: a receiver can tell a repeat from a new message.
        message.MessageId = $"{post.Id}.{number}@{from.Domain}";
        message.Date = reply.At;
        message.Body = new TextPart("plain") { Text = reply.Text };
        return message;
    }

    private static async Task DisconnectQuietlyAsync(SmtpClient client)
    {
        try
        {
            await client.DisconnectAsync(quit: true).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ProtocolException or SmtpCommandException)
        {
            // The message was accepted; a goodbye that fails changes nothing.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reply {Number} of post {PostId} not handed to the mail server: {Reason}")]
    private partial void LogNotSent(string postId, int number, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The mail server refused reply {Number} of post {PostId}: {Reason}")]
    private partial void LogRefused(string postId, int number, string reason);
}
