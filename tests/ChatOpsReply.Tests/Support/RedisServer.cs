using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Net;
using System.Text;

namespace ChatOpsReply.Tests.Support;

/// <summary>
/// A private <c>redis-server</c> on a free loopback port, in its own folder (no Docker: the
/// Debian package that test.sh installs). <see cref="Shared"/> is one for the whole test run,
/// stopped when the run ends; a test that stops Redis on purpose starts its own.
/// </summary>
public sealed class RedisServer : IDisposable
{
    private static readonly Lazy<RedisServer> SharedServer = new(() =>
    {
        var server = Start(durable: false);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return server;
    });

    private readonly bool _durable;
    private Process? _process;

    private RedisServer(int port, string folder, bool durable)
    {
        Port = port;
        Folder = folder;
        _durable = durable;
    }

    /// <summary>One server for the whole run; each user keeps to its own key prefix.</summary>
    public static RedisServer Shared => SharedServer.Value;

    public int Port { get; }

    public string Folder { get; }

    /// <summary>The StackExchange.Redis connection string.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    /// <param name="durable">
    /// Append-only file, fsynced before each write is acknowledged, so a write that was
    /// acknowledged survives a kill; without it the data lives in memory only.
    /// </param>
    public static RedisServer Start(bool durable)
    {
        var folder = Directory.CreateTempSubdirectory("chatopsreply-redis-").FullName;
        for (var attempt = 1; ; attempt++)
        {
            var server = new RedisServer(FreePort(), folder, durable);
            try
            {
                server.Run();
                return server;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // Someone took the port between our check and the server's bind: try another.
                server.Kill();
            }
        }
    }

    /// <summary>Kills the server at once (SIGKILL): no shutdown save, as in a crash.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            process.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>Starts the server again on the same port and folder (it reloads its append-only file).</summary>
    public void Restart()
    {
        Kill();
        Run();
    }

    /// <summary>
    /// Starts the server again and returns as soon as it answers at all: with a large append-only
    /// file it then answers LOADING to everything for a while, as a production Redis does after a restart.
    /// </summary>
    public void RestartLoading()
    {
        Kill();
        Run(untilLoaded: false);
    }

    /// <summary>True while the server answers LOADING (it is reading its append-only file back).</summary>
    public bool IsLoading => Ping().StartsWith("-LOADING", StringComparison.Ordinal);

    /// <summary>CPU time the server has used so far (INFO cpu): its own, and apart its finished children's (append-only rewrites).</summary>
    public (TimeSpan Server, TimeSpan Children) ProcessorTime()
    {
        using var redis = StackExchange.Redis.ConnectionMultiplexer.Connect(Configuration + ",allowAdmin=true");
        var cpu = redis.GetServer(Configuration).Info("cpu").SelectMany(g => g).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        TimeSpan Sum(params string[] names) => TimeSpan.FromSeconds(names.Sum(name => double.Parse(cpu[name], System.Globalization.CultureInfo.InvariantCulture)));
        return (Sum("used_cpu_sys", "used_cpu_user"), Sum("used_cpu_sys_children", "used_cpu_user_children"));
    }

    /// <summary>Writes <paramref name="keys"/> keys of 100 bytes outside every test's prefix, pipelined: a large append-only file to load after a restart.</summary>
    public void Fill(int keys)
    {
        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, Port);
        using var stream = client.GetStream();
        var value = new string('v', 100);
        var replies = Task.Run(() =>
        {
            // Each SET answers "+OK\r\n"; read them all so the server never blocks on a full socket.
            var expected = keys * 5L;
            var buffer = new byte[64 * 1024];
            for (long read = 0; read < expected;)
            {
                var n = stream.Read(buffer);
                if (n == 0)
                {
                    throw new IOException("redis-server closed the connection while being filled.");
                }

                read += n;
            }
        });
        var batch = new StringBuilder();
        for (var i = 0; i < keys; i++)
        {
            var key = $"filler:{i}";
            batch.Append(CultureInfo.InvariantCulture, $"*3\r\n$3\r\nSET\r\n${key.Length}\r\n{key}\r\n${value.Length}\r\n{value}\r\n");
            if (batch.Length > 60_000 || i == keys - 1)
            {
                stream.Write(Encoding.ASCII.GetBytes(batch.ToString()));
                batch.Clear();
            }
        }

        replies.Wait(TimeSpan.FromMinutes(2));
    }

    public void Dispose()
    {
        Kill();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // The OS temp cleaner takes it later.
        }
    }

    private void Run(bool untilLoaded = true)
    {
        var start = new ProcessStartInfo(Executable())
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1",
            "--dir", Folder,
            "--save", "",
            "--appendonly", _durable ? "yes" : "no",
            "--appendfsync", "always",
            "--daemonize", "no",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var output = new StringBuilder();
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        _process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 20);
        while (!(untilLoaded ? Ping().StartsWith("+PONG", StringComparison.Ordinal) : Ping().Length > 0))
        {
            if (_process.HasExited || Stopwatch.GetTimestamp() > deadline)
            {
                lock (output)
                {
                    throw new InvalidOperationException($"redis-server did not start on port {Port}:\n{output}");
                }
            }

            Thread.Sleep(20);
        }
    }

    /// <summary>What the server answers PING with ("+PONG", "-LOADING …"); empty when it does not answer.</summary>
    private string Ping()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            using var stream = client.GetStream();
            stream.Write("PING\r\n"u8);
            var buffer = new byte[64];
            var read = stream.Read(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read);
        }
        catch (SocketException)
        {
            return "";
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static string Executable()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(dir, "redis-server");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("redis-server is not installed: run ./test.sh, which installs the Debian package redis-server.");
    }

    /// <summary>
    /// A loopback port nobody listens on now, below Linux's ephemeral range (32768–60999): a
    /// server restarted on its port must find it free, and ports in that range are handed to
    /// every other test's port-0 listener and outgoing connection meanwhile. The mail servers
    /// of the e-mail tests take theirs here too.
    /// </summary>
    internal static int FreePort()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(20_000, 32_000);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }

        throw new InvalidOperationException("No free loopback port between 20000 and 32000.");
    }
}
