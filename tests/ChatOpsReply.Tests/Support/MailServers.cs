using System.Diagnostics;
using System.Net.Sockets;
using System.Net;
using System.Text;

namespace ChatOpsReply.Tests.Support;

/// <summary>Finds and starts the Debian mail servers the e-mail tests use (test.sh installs dovecot-imapd and python3-aiosmtpd).</summary>
internal static class MailServers
{
    public static string Executable(string name, string package)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(Path.PathSeparator).Append("/usr/sbin").Append("/usr/bin");
        return path.Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"{name} is not installed: run ./test.sh, which installs the Debian package {package}.");
    }

    public static int FreePort() => RedisServer.FreePort();

    /// <summary>Starts a process, keeping what it prints for the error message should it not come up.</summary>
    public static (Process Process, StringBuilder Output) Start(string file, IEnumerable<string> arguments, string folder, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var output = new StringBuilder();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, output);
    }

    /// <summary>Waits until the port greets with the given start of line (IMAP "* OK", SMTP "220").</summary>
    public static void WaitForGreeting(int port, string greeting, Func<bool> exited, Func<string> output, string what)
    {
        var deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 20);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                using var stream = client.GetStream();
                stream.ReadTimeout = 2000;
                var buffer = new byte[256];
                var read = stream.Read(buffer);
                if (Encoding.ASCII.GetString(buffer, 0, read).StartsWith(greeting, StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (Exception e) when (e is SocketException or IOException)
            {
                // Not listening yet.
            }

            if (exited() || Stopwatch.GetTimestamp() > deadline)
            {
                throw new InvalidOperationException($"{what} did not start on port {port}:\n{output()}");
            }

            Thread.Sleep(50);
        }
    }

    public static bool IsRoot => Environment.UserName == "root";
}
