using System.Diagnostics;
using System.Text;
using MimeKit;

namespace ChatOpsReply.Tests.Support;

/// <summary>
/// A real SMTP server (aiosmtpd, the Debian package python3-aiosmtpd) on a free loopback port,
/// keeping every message it accepts in a maildir; refused@, busy@ and slow@ recipients get what a
/// real server gives (550, 451, no answer in time), as tests/…/Sources/Email/smtp_sink.py says.
/// </summary>
public sealed class SmtpSink : IDisposable
{
    private readonly string _maildir;
    private Process? _process;
    private StringBuilder _output = new();

    private SmtpSink(string folder, int port)
    {
        Folder = folder;
        Port = port;
        _maildir = Path.Combine(folder, "maildir");
    }

    public string Folder { get; }

    public int Port { get; }

    public Dictionary<string, string?> Settings => new()
    {
        ["Sources:Email:Smtp:Host"] = "127.0.0.1",
        ["Sources:Email:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Sources:Email:Smtp:UseTls"] = "false",
        ["Sources:Email:Smtp:From"] = "Acme Support <support@acme.test>",
    };

    public static SmtpSink Start()
    {
        var folder = Directory.CreateTempSubdirectory("chatopsreply-smtp-").FullName;
        for (var attempt = 1; ; attempt++)
        {
            var sink = new SmtpSink(folder, MailServers.FreePort());
            try
            {
                sink.Run();
                return sink;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // Someone took the port between our check and the server's bind: try another.
                sink.Stop();
            }
        }
    }

    /// <summary>The messages accepted so far.</summary>
    public IReadOnlyList<MimeMessage> Messages()
    {
        var delivered = Path.Combine(_maildir, "new");
        return Directory.Exists(delivered)
            ? [.. Directory.GetFiles(delivered).Order(StringComparer.Ordinal).Select(f => MimeMessage.Load(f))]
            : [];
    }

    public void Stop()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        Stop();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // The OS temp cleaner takes it later.
        }
    }

    private void Run()
    {
        var handlers = Repository.PathOf("tests", "ChatOpsReply.Tests", "Sources", "Email");
        (_process, _output) = MailServers.Start(
            MailServers.Executable("aiosmtpd", "python3-aiosmtpd"),
            ["-n", "-l", $"127.0.0.1:{Port}", "-c", "smtp_sink.Sink", _maildir],
            Folder,
            new Dictionary<string, string> { ["PYTHONPATH"] = handlers, ["PYTHONDONTWRITEBYTECODE"] = "1" });
        var process = _process;
        MailServers.WaitForGreeting(Port, "220", () => process.HasExited, () => _output.ToString(), "aiosmtpd");
    }
}
