using System.Diagnostics;
using System.Globalization;
using System.Text;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Bench;

/// <summary>
/// The service as an administrator runs it: its own process, the shipped configuration
/// (bot/appsettings.json), settings on the command line, its own database folder. Its memory is
/// then its own, and nothing the benchmark does runs on its threads.
/// </summary>
internal sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServiceProcess(Process process, string url, string folder)
    {
        _process = process;
        Url = url;
        Folder = folder;
    }

    public string Url { get; }

    public string Folder { get; }

    /// <summary>CPU time the service has used so far, user and system.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>Resident memory of the service now (VmRSS on Linux).</summary>
    public long ResidentBytes
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
    }

    public static async Task<ServiceProcess> StartAsync(IDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("chatopsreply-bench-service-").FullName;
        var url = $"http://127.0.0.1:{RedisServer.FreePort().ToString(CultureInfo.InvariantCulture)}";
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ChatOpsReply.dll"));
        start.ArgumentList.Add($"--contentRoot={Path.Combine(BenchHost.RepositoryRoot(), "bot")}");
        start.ArgumentList.Add($"--urls={url}");
        start.ArgumentList.Add($"--Storage:Sqlite:Path={Path.Combine(folder, "service.db")}");
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        var process = new Process { StartInfo = start };
        var service = new ServiceProcess(process, url, folder);
        process.OutputDataReceived += service.Collect;
        process.ErrorDataReceived += service.Collect;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var client = new HttpClient();
        var deadline = Stopwatch.GetTimestamp() + (30 * Stopwatch.Frequency);
        while (true)
        {
            try
            {
                using var ready = await client.GetAsync(url + "/readyz", cancellationToken);
                if (ready.IsSuccessStatusCode)
                {
                    return service;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (process.HasExited || Stopwatch.GetTimestamp() > deadline)
            {
                service.Dispose();
                throw new InvalidOperationException($"The service did not become ready:\n{service.Output}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

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

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // The OS temp cleaner takes it later.
        }
    }

    private void Collect(object? sender, DataReceivedEventArgs e)
    {
        lock (_output)
        {
            _output.AppendLine(e.Data);
        }
    }
}
