using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ChatOpsReply.Bench;

/// <summary>The service in-process on its own database folder, configured like a real install.</summary>
internal sealed class BenchHost : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    public BenchHost(IDictionary<string, string?>? settings = null)
    {
        Folder = Directory.CreateTempSubdirectory("chatopsreply-bench-").FullName;
        _settings = new Dictionary<string, string?>
        {
            ["Storage:Sqlite:Path"] = Path.Combine(Folder, "bench.db"),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Delivery:RunInBackground"] = "false",
            ["Sla:RunInBackground"] = "false",
        };
        // A benchmark's own settings win (one may want the outbox running, as in production).
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string Folder { get; }

    public string DatabasePath => Path.Combine(Folder, "bench.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Production");
        // The shipped configuration (bot/appsettings.json): the demo people and queues.
        builder.UseContentRoot(Path.Combine(RepositoryRoot(), "bot"));
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ChatOpsReply.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run the benchmarks from inside the repository.");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // The OS temp cleaner takes it later.
        }
    }
}
