using System.Diagnostics;
using System.Globalization;

namespace ChatOpsReply.Bench;

/// <summary>What one run of the load generator measured: answered posts, over how long, and how long each took.</summary>
internal sealed record IngestLoadResult(int Count, double Seconds, double P50, double P99, int Errors, string? FirstError)
{
    public double PerSecond => Count / Seconds;

    /// <summary>The load generator's own CPU time (start-up included), so a run shows what sending cost beside what serving did.</summary>
    public double LoadCpuSeconds { get; init; }

    /// <summary>Runs the load generator in a process of its own against <paramref name="url"/> and returns what it measured.</summary>
    /// <param name="load">Seconds to run for, or "count:N" for exactly N posts.</param>
    /// <param name="prefix">Starts every external id, so no two runs send the same post.</param>
    public static async Task<IngestLoadResult> RunAsync(string url, string secret, int connections, string load, string prefix, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { typeof(IngestLoad).Assembly.Location, IngestLoad.Command, url, secret, connections.ToString(CultureInfo.InvariantCulture), load, prefix })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("The load generator did not start.");
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var result = output.Split('\n').Select(Parse).FirstOrDefault(r => r is not null)
            ?? throw new InvalidOperationException($"The load generator printed no result (exit {process.ExitCode}): {output}{await errors}");
        return result.Errors == 0 ? result : throw new InvalidOperationException($"{result.Errors} of {result.Count} posts were not accepted; the first: {result.FirstError}");
    }

    public string ToLine() => string.Create(CultureInfo.InvariantCulture, $"result count={Count} seconds={Seconds:R} p50={P50:R} p99={P99:R} errors={Errors} load-cpu={LoadCpuSeconds:R} first-error={FirstError?.ReplaceLineEndings(" ")}");

    private static IngestLoadResult? Parse(string line)
    {
        if (!line.StartsWith("result ", StringComparison.Ordinal))
        {
            return null;
        }

        var firstError = line.IndexOf(" first-error=", StringComparison.Ordinal);
        var fields = line[..firstError].Split(' ').Skip(1).Select(f => f.Split('=', 2)).ToDictionary(f => f[0], f => f[1], StringComparer.Ordinal);
        double Number(string name) => double.Parse(fields[name], CultureInfo.InvariantCulture);
        var error = line[(firstError + " first-error=".Length)..].Trim();
        return new IngestLoadResult((int)Number("count"), Number("seconds"), Number("p50"), Number("p99"), (int)Number("errors"), error.Length == 0 ? null : error) { LoadCpuSeconds = Number("load-cpu") };
    }
}
