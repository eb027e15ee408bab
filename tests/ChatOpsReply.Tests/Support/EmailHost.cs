using ChatOpsReply.Posts;
using ChatOpsReply.Sources.Email;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace ChatOpsReply.Tests.Support;

/// <summary>The service with e-mail on, reading a real Dovecot mailbox and sending through a real SMTP server, both its own.</summary>
public sealed class EmailHost : IDisposable
{
    public const string Customer = "ana.lopez@example.com";

    private EmailHost(DovecotServer imap, SmtpSink smtp, ServiceHost host)
    {
        Imap = imap;
        Smtp = smtp;
        Host = host;
    }

    public DovecotServer Imap { get; }

    public SmtpSink Smtp { get; }

    public ServiceHost Host { get; }

    public static EmailHost Start(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, bool readInBackground = false)
    {
        var imap = DovecotServer.Start();
        var smtp = SmtpSink.Start();
        var all = new Dictionary<string, string?>(imap.Settings);
        foreach (var (key, value) in smtp.Settings)
        {
            all[key] = value;
        }

        all["Sources:Email:RunInBackground"] = readInBackground ? "true" : "false";
        all["Sources:Email:QueueAddresses:office"] = "Acme Office <office@acme.test>";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return new EmailHost(imap, smtp, new ServiceHost(all, services));
    }

    /// <summary>A customer's message, shaped as mail programs send them.</summary>
    public static MimeMessage Mail(string subject, string text, string? messageId = null, string from = Customer, string name = "Ana Lopez", MimeMessage? inReplyTo = null)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(name, from));
        message.To.Add(new MailboxAddress("Acme Support", DovecotServer.User));
        message.Subject = subject;
        message.MessageId = messageId ?? $"{Guid.NewGuid():N}@example.com";
        message.Date = new DateTimeOffset(2026, 11, 23, 8, 55, 0, TimeSpan.Zero);
        if (inReplyTo is not null)
        {
            message.InReplyTo = inReplyTo.MessageId;
            foreach (var id in inReplyTo.References.Append(inReplyTo.MessageId!))
            {
                message.References.Add(id);
            }
        }

        message.Body = new TextPart("plain") { Text = text };
        return message;
    }

    /// <summary>Reads the mailbox once, as the background reader does on each wake-up.</summary>
    public Task<int> ReadAsync() => Host.Service<EmailMailbox>().ReadOnceAsync();

    /// <summary>Delivers a message and reads it in; returns its post.</summary>
    public async Task<string> ReceiveAsync(MimeMessage message)
    {
        await Imap.AppendAsync(message);
        await ReadAsync();
        return await Host.Service<IPostStore>().FindIngestedAsync(new IngestKey("email", message.MessageId!))
            ?? throw new InvalidOperationException($"The message became no post. {Host.Errors}");
    }

    public void Dispose()
    {
        Host.Dispose();
        Host.DeleteFolder();
        Smtp.Dispose();
        Imap.Dispose();
    }
}
