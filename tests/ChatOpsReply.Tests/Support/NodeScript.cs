using System.Diagnostics;

namespace ChatOpsReply.Tests.Support;

/// <summary>Runs a checker script of <c>tests/js</c> (the official npm packages) with Node and returns what it said.</summary>
public static class NodeScript
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Repository.PathOf("tests", "js"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (!Directory.Exists(Repository.PathOf("tests", "js", "node_modules")))
        {
            throw new InvalidOperationException("tests/js/node_modules is missing: ./test.sh runs npm ci --prefix tests/js first.");
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }
}
