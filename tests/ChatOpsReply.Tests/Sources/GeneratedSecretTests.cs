using System.Collections.Concurrent;
using System.Net;
using ChatOpsReply.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOpsReply.Tests.Sources;

/// <summary>With no webhook secret configured, the generated one is kept in a private file and never written to the log.</summary>
public sealed class GeneratedSecretTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("chatopsreply-secret-").FullName;
    private readonly EveryLine _log = new();

    private string SecretFile => Path.Combine(_folder, "data", "generic-webhook-secret");

    private ServiceHost Host() => new(
        new Dictionary<string, string?> { ["Sources:Generic:SecretFile"] = SecretFile },
        s => s.AddSingleton<ILoggerProvider>(_log),
        folder: _folder,
        configurationJson: TestConfig.Json.Replace("\"Generic\": { \"Secret\": \"test-webhook-secret\" }", "\"Generic\": { }", StringComparison.Ordinal));

    [Fact]
    public async Task The_generated_secret_is_in_a_file_only_its_user_can_read_and_not_in_the_log()
    {
        using var host = Host();
        _ = host.Server;

        var secret = File.ReadAllText(SecretFile).Trim();
        Assert.Equal(48, secret.Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(SecretFile));
        }

        Assert.DoesNotContain(_log.Lines, line => line.Contains(secret, StringComparison.Ordinal));
        Assert.Contains(_log.Lines, line => line.Contains(SecretFile, StringComparison.Ordinal) && line.Contains("readable by this user only", StringComparison.Ordinal));

        using var response = await host.PostSignedAsync(host.NewClient(), """{"source":"x","externalId":"s-1","author":{"handle":"@ana"},"text":"Hello?"}""", secret);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task A_restart_keeps_the_generated_secret()
    {
        string first;
        using (var host = Host())
        {
            _ = host.Server;
            first = File.ReadAllText(SecretFile).Trim();
        }

        using var again = Host();
        _ = again.Server;

        Assert.Equal(first, File.ReadAllText(SecretFile).Trim());
        using var response = await again.PostSignedAsync(again.NewClient(), """{"source":"x","externalId":"s-2","author":{"handle":"@ana"},"text":"Hello?"}""", first);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // The OS temp cleaner takes it later.
        }
    }

    /// <summary>Every line the service logs, at every level.</summary>
    private sealed class EveryLine : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(EveryLine log) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                log.Lines.Enqueue($"{logLevel}: {formatter(state, exception)} {exception}");
        }
    }
}
