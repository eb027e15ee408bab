using System.Net.Sockets;
using ChatOpsReply.Posts;
using ChatOpsReply.Storage;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using MailKit;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ChatOpsReply.Sources.Email;

/// <summary>
/// Reads the mailbox over IMAP and takes each new message in once: it opens the folder read-only
/// (nothing is marked or moved), carries on from the stored bookmark (UID and UIDVALIDITY), and
/// waits with IDLE where the server has it, polling otherwise. A server that is down or refuses
/// is logged and tried again later with growing, jittered waits; it never stops the service.
/// </summary>
public sealed partial class EmailMailbox(IOptions<EmailOptions> options, IMailboxBookmarks bookmarks, PostIntake intake, TimeProvider time, ILogger<EmailMailbox> logger) : BackgroundService
{
    /// <summary>Connects, takes in what is new, and disconnects; returns how many messages were read.</summary>
    public async Task<int> ReadOnceAsync(CancellationToken cancellationToken = default)
    {
        using var client = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        var folder = await OpenAsync(client, cancellationToken).ConfigureAwait(false);
        var read = await ReadNewAsync(folder, cancellationToken).ConfigureAwait(false);
        await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
        return read;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunInBackground)
        {
            return;
        }

        // Anything the reader does not expect (a message it cannot read) starts it again after a pause.
        await ServiceLoop.RunAsync("Mailbox reader", ReadAgainAndAgainAsync, time, logger, stoppingToken).ConfigureAwait(false);
    }

    private async Task ReadAgainAndAgainAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var client = await ConnectAsync(stoppingToken).ConfigureAwait(false);
                var folder = await OpenAsync(client, stoppingToken).ConfigureAwait(false);
                failures = 0;
                while (!stoppingToken.IsCancellationRequested)
                {
                    await ReadNewAsync(folder, stoppingToken).ConfigureAwait(false);
                    await WaitForMailAsync(client, folder, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (IsPassing(e))
            {
                failures++;
                var delay = Backoff(failures);
                LogUnreachable(options.Value.Imap.Host, delay, e.Message);
                try
                {
                    await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Anything a mail server, the network or the store can do to us: wait and try again.</summary>
    private static bool IsPassing(Exception e) =>
        e is IOException or SocketException or TimeoutException or OperationCanceledException or ProtocolException or CommandException
            or AuthenticationException or ServiceNotConnectedException or ServiceNotAuthenticatedException or FolderNotFoundException
            or FolderNotOpenException or StoreUnavailableException or InvalidOperationException;

    /// <summary>From a few seconds up to the configured ceiling, with ±20 % jitter so instances do not knock together.</summary>
    private TimeSpan Backoff(int failures)
    {
        var ceiling = options.Value.MaxReconnectDelay;
        var exponential = TimeSpan.FromSeconds(2 * Math.Pow(2, Math.Min(failures - 1, 16)));
        return (exponential < ceiling ? exponential : ceiling) * (0.8 + (Random.Shared.NextDouble() * 0.4));
    }

    private async Task<ImapClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var client = new ImapClient { Timeout = (int)settings.CommandTimeout.TotalMilliseconds };
        try
        {
            var port = settings.Imap.Port ?? (settings.Imap.UseTls ? 993 : 143);
            var security = !settings.Imap.UseTls ? SecureSocketOptions.None : port == 993 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
            await client.ConnectAsync(settings.Imap.Host!, port, security, cancellationToken).ConfigureAwait(false);
            await client.AuthenticateAsync(settings.Imap.User!, settings.Imap.Password!, cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private async Task<IMailFolder> OpenAsync(ImapClient client, CancellationToken cancellationToken)
    {
        var folder = await client.GetFolderAsync(options.Value.Imap.Folder, cancellationToken).ConfigureAwait(false);
        // Read-only: the mailbox stays as people left it (nothing marked as read, nothing moved).
        await folder.OpenAsync(FolderAccess.ReadOnly, cancellationToken).ConfigureAwait(false);
        return folder;
    }

    // RFC 3501: a UID is valid only with the folder's UIDVALIDITY, section 2.3.1.1
    private async Task<int> ReadNewAsync(IMailFolder folder, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var key = settings.MailboxKey;
        var bookmark = await bookmarks.GetAsync(key, cancellationToken).ConfigureAwait(false);
        IList<UniqueId> uids;
        if (bookmark is null || bookmark.UidValidity != folder.UidValidity)
        {
            // First read, or the folder was renumbered: take in the recent mail (known messages are deduplicated by Message-ID).
            uids = await folder.SearchAsync(SearchQuery.DeliveredAfter((time.GetUtcNow() - settings.InitialLookback).UtcDateTime.Date), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // "n:*" also names the last message when it is older than n, so filter again.
            uids = [.. (await folder.SearchAsync(SearchQuery.Uids(new UniqueIdRange(new UniqueId(bookmark.LastUid + 1), UniqueId.MaxValue)), cancellationToken).ConfigureAwait(false)).Where(u => u.Id > bookmark.LastUid)];
        }

        var ours = OurAddresses(settings);
        foreach (var uid in uids.OrderBy(u => u.Id))
        {
            var message = await folder.GetMessageAsync(uid, cancellationToken).ConfigureAwait(false);
            if (EmailMessage.ToIncomingPost(message, $"{folder.UidValidity}.{uid.Id}@{settings.Imap.Host}", ours) is { } post)
            {
                await intake.ReceiveAsync(post, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                LogSkipped(uid.Id);
            }

            await bookmarks.AdvanceAsync(key, new MailboxBookmark(folder.UidValidity, uid.Id), cancellationToken).ConfigureAwait(false);
        }

        return uids.Count;
    }

    // RFC 2177: IDLE, ended by DONE; servers may drop it after 30 minutes, so it is renewed each poll interval
    private async Task WaitForMailAsync(ImapClient client, IMailFolder folder, CancellationToken stoppingToken)
    {
        var interval = options.Value.PollInterval;
        if (!client.Capabilities.HasFlag(ImapCapabilities.Idle))
        {
            await Task.Delay(interval, time, stoppingToken).ConfigureAwait(false);
            await client.NoOpAsync(stoppingToken).ConfigureAwait(false);
            return;
        }

        using var done = new CancellationTokenSource(interval, time);
        void Arrived(object? sender, EventArgs e) => done.Cancel();
        folder.CountChanged += Arrived;
        try
        {
            await client.IdleAsync(done.Token, stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            folder.CountChanged -= Arrived;
        }
    }

    /// <summary>Addresses replies go from: mail from them is our own, never a customer's.</summary>
    public static IReadOnlyList<string> OurAddresses(EmailOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return [.. new[] { settings.Smtp.From }.Concat(settings.QueueAddresses.Values)
            .Select(a => a is not null && MailboxAddress.TryParse(a, out var address) ? address.Address : null)
            .OfType<string>()];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mailbox at {Host} unreachable; trying again in {Delay}: {Reason}")]
    private partial void LogUnreachable(string? host, TimeSpan delay, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail UID {Uid} is an auto-reply, bulk mail or a bounce: not a post")]
    private partial void LogSkipped(uint uid);
}
