using System.Diagnostics;
using System.Text;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using MimeKit;

namespace ChatOpsReply.Tests.Support;

/// <summary>
/// A private Dovecot IMAP server on a free loopback port, in its own folder, with one mailbox
/// user. Run as the current user; when that is root (CI), Dovecot's own unprivileged users
/// from the Debian package serve the login and the mail, as Dovecot insists.
/// </summary>
public sealed class DovecotServer : IDisposable
{
    public const string User = "support@acme.test";
    public const string Password = "mailbox-secret";

    private readonly string _config;
    private Process? _process;
    private StringBuilder _output = new();

    private DovecotServer(string folder, int port)
    {
        Folder = folder;
        Port = port;
        _config = Path.Combine(folder, "dovecot.conf");
    }

    public string Folder { get; }

    public int Port { get; }

    /// <summary>The service's settings for this mailbox.</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["Sources:Email:Imap:Host"] = "127.0.0.1",
        ["Sources:Email:Imap:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Sources:Email:Imap:User"] = User,
        ["Sources:Email:Imap:Password"] = Password,
        ["Sources:Email:Imap:UseTls"] = "false",
        ["Sources:Email:CommandTimeout"] = "00:00:02",
    };

    public static DovecotServer Start()
    {
        var folder = Directory.CreateTempSubdirectory("chatopsreply-dovecot-").FullName;
        // Dovecot's mail process must get into the folder (Dovecot runs on Linux only).
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The e-mail tests run Dovecot, which runs on Linux.");
        }

        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        for (var attempt = 1; ; attempt++)
        {
            var server = new DovecotServer(folder, MailServers.FreePort());
            server.WriteConfiguration();
            try
            {
                server.Run();
                return server;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // Someone took the port between our check and the server's bind: try another.
                server.Stop();
            }
        }
    }

    /// <summary>Stops the server as a crash of the mail host would look to a client: connections drop, the port refuses.</summary>
    public void Stop()
    {
        if (_process is null)
        {
            return;
        }

        using (var stop = Process.Start(new ProcessStartInfo(MailServers.Executable("dovecot", "dovecot-imapd")) { ArgumentList = { "-c", _config, "stop" }, RedirectStandardError = true, RedirectStandardOutput = true }))
        {
            stop?.WaitForExit(10_000);
        }

        if (!_process.WaitForExit(10_000))
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
        _process = null;
    }

    /// <summary>Starts it again on the same port and mailboxes.</summary>
    public void Restart()
    {
        Stop();
        Run();
    }

    /// <summary>Delivers a message into the inbox, as the mail system would.</summary>
    public async Task AppendAsync(MimeMessage message)
    {
        using var client = new ImapClient();
        await client.ConnectAsync("127.0.0.1", Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(User, Password);
        await client.Inbox.AppendAsync(message);
        await client.DisconnectAsync(true);
    }

    /// <summary>The flags of every message in the inbox, oldest first.</summary>
    public async Task<IReadOnlyList<MessageFlags>> FlagsAsync()
    {
        using var client = new ImapClient();
        await client.ConnectAsync("127.0.0.1", Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(User, Password);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var summaries = client.Inbox.Count == 0 ? [] : await client.Inbox.FetchAsync(0, -1, MessageSummaryItems.Flags);
        await client.DisconnectAsync(true);
        return [.. summaries.Select(s => s.Flags ?? MessageFlags.None)];
    }

    public void Dispose()
    {
        Stop();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The OS temp cleaner takes it later.
        }
    }

    private void WriteConfiguration()
    {
        var mail = Path.Combine(Folder, "mail");
        Directory.CreateDirectory(mail);
        string internalUser, loginUser, mailUser;
        if (MailServers.IsRoot)
        {
            (internalUser, loginUser, mailUser) = ("dovecot", "dovenull", "dovecot");
            using var chown = Process.Start("chown", ["-R", "dovecot:dovecot", mail]);
            chown.WaitForExit();
        }
        else
        {
            internalUser = loginUser = mailUser = Environment.UserName;
        }

        File.WriteAllText(Path.Combine(Folder, "passwd"), $"{User}:{{PLAIN}}{Password}::::::\n");
        // Dovecot: a self-contained instance, plain-text logins allowed on loopback only, doc.dovecot.org/configuration_manual/
        File.WriteAllText(_config, $$"""
            protocols = imap
            listen = 127.0.0.1
            base_dir = {{Folder}}/run
            state_dir = {{Folder}}/state
            instance_name = chatopsreply-test-{{Port}}
            default_internal_user = {{internalUser}}
            default_internal_group = {{internalUser}}
            default_login_user = {{loginUser}}
            first_valid_uid = 1
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            log_path = {{Folder}}/dovecot.log
            mail_location = maildir:{{mail}}/%u
            passdb {
              driver = passwd-file
              args = scheme=PLAIN username_format=%u {{Folder}}/passwd
            }
            userdb {
              driver = static
              args = uid={{mailUser}} gid={{mailUser}} home={{mail}}/%u
            }
            service imap-login {
              chroot =
              inet_listener imap {
                address = 127.0.0.1
                port = {{Port}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            service anvil {
              chroot =
            }
            """);
    }

    private void Run()
    {
        Directory.CreateDirectory(Path.Combine(Folder, "run"));
        Directory.CreateDirectory(Path.Combine(Folder, "state"));
        (_process, _output) = MailServers.Start(MailServers.Executable("dovecot", "dovecot-imapd"), ["-F", "-c", _config], Folder);
        var process = _process;
        MailServers.WaitForGreeting(Port, "* OK", () => process.HasExited, () => _output + ReadLog(), "dovecot");
    }

    private string ReadLog()
    {
        var log = Path.Combine(Folder, "dovecot.log");
        return File.Exists(log) ? File.ReadAllText(log) : "";
    }
}
