using System.Diagnostics;

namespace ChatOpsReply.Tests.Support;

/// <summary>Runs the service as the administrator would: its own process, settings on the command line.</summary>
public static class ServiceProcess
{
    /// <summary>How the service is started in <paramref name="folder"/>: the test configuration there, settings on the command line, a SQLite database of that name beside it.</summary>
    public static ProcessStartInfo StartInfo(string folder, IEnumerable<string> arguments, string database)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        File.WriteAllText(Path.Combine(folder, "appsettings.json"), TestConfig.Json);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ChatOpsReply.dll"));
        start.ArgumentList.Add($"--contentRoot={folder}");
        start.ArgumentList.Add("--urls=http://127.0.0.1:0");
        start.ArgumentList.Add($"--Storage:Sqlite:Path={Path.Combine(folder, database)}");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <summary>
    /// Starts the service with the test configuration plus <paramref name="arguments"/>. Returns its exit
    /// code and output when it stops by itself; a null exit code when it was still running when it printed
    /// <paramref name="runningLine"/> or the timeout passed (it is then stopped).
    /// </summary>
    public static async Task<(int? ExitCode, string Output)> RunUntilExitAsync(IEnumerable<string> arguments, TimeSpan timeout, string? runningLine = null)
    {
        var folder = Directory.CreateTempSubdirectory("chatopsreply-process-").FullName;
        try
        {
            var start = StartInfo(folder, arguments, "service.db");
            using var process = new Process { StartInfo = start };
            var output = new System.Text.StringBuilder();
            var running = new TaskCompletionSource();
            void Collect(object? sender, DataReceivedEventArgs e)
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }

                if (runningLine is not null && e.Data?.Contains(runningLine, StringComparison.Ordinal) == true)
                {
                    running.TrySetResult();
                }
            }

            process.OutputDataReceived += Collect;
            process.ErrorDataReceived += Collect;
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var exited = process.WaitForExitAsync();
            var first = await Task.WhenAny(exited, running.Task, Task.Delay(timeout));
            if (first != exited)
            {
                process.Kill(entireProcessTree: true);
                await exited;
                return (null, output.ToString());
            }

            await exited;
            return (process.ExitCode, output.ToString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
