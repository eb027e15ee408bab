using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace ChatOpsReply.Tests.Support;

/// <summary>
/// The service running as its own process on 127.0.0.1, as in production, with real time and its
/// background services on: something a test can kill -9 and start again on the same folder.
/// </summary>
public sealed partial class RunningService : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RunningService(Process process, string folder)
    {
        _process = process;
        Folder = folder;
    }

    /// <summary>The folder holding its settings and its SQLite database (the one <see cref="ServiceHost"/> reads given the same folder).</summary>
    public string Folder { get; }

    public string BaseUrl { get; private set; } = "";

    public bool HasExited => _process.HasExited;

    /// <summary>What it wrote to its console so far, for assertion messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the service on <paramref name="folder"/> (a new one when null) and waits until it listens.</summary>
    public static async Task<RunningService> StartAsync(IEnumerable<string> arguments, string? folder = null)
    {
        folder ??= Directory.CreateTempSubdirectory("chatopsreply-running-").FullName;
        // Real time: the outbox and the SLA timers run in the background, as in production.
        var start = ServiceProcess.StartInfo(folder, ["--Delivery:RunInBackground=true", "--Sla:RunInBackground=true", .. arguments], "chatopsreply.db");
        var service = new RunningService(new Process { StartInfo = start }, folder);
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Collect(object? sender, DataReceivedEventArgs e)
        {
            lock (service._output)
            {
                service._output.AppendLine(e.Data);
            }

            if (e.Data is { } line && ListeningOn().Match(line) is { Success: true } match)
            {
                listening.TrySetResult(match.Groups[1].Value);
            }
        }

        service._process.OutputDataReceived += Collect;
        service._process.ErrorDataReceived += Collect;
        service._process.Start();
        service._process.BeginOutputReadLine();
        service._process.BeginErrorReadLine();
        var first = await Task.WhenAny(listening.Task, service._process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
        if (first != listening.Task)
        {
            service.Kill();
            throw new InvalidOperationException($"The service did not start listening:\n{service.Output}");
        }

        service.BaseUrl = await listening.Task;
        return service;
    }

    /// <summary>A client of its HTTP endpoints.</summary>
    public HttpClient NewClient() => new() { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>SIGKILL: no shutdown, no flush, as in a crash or an OOM kill.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();
}
