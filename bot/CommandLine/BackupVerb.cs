using ChatOpsReply.Storage;
using ChatOpsReply.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.CommandLine;

/// <summary><c>backup &lt;file&gt;</c>: a consistent copy of the SQLite store, taken while the service runs (<see cref="SqliteDatabase.BackupAsync"/>).</summary>
public sealed record BackupVerb(string File) : ICommandLineVerb
{
    public async Task<int> RunAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        if (!string.Equals(storage.Provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            await output.WriteLineAsync("backup copies the SQLite store; this service uses Redis, whose own snapshots (RDB) and append-only file are its backup (see the README's \"Back up and restore\").").ConfigureAwait(false);
            return 1;
        }

        var target = Path.GetFullPath(File);
        if (System.IO.File.Exists(target))
        {
            await output.WriteLineAsync($"{target} exists already; backup writes a new file and never overwrites one.").ConfigureAwait(false);
            return 1;
        }

        var database = services.GetRequiredService<SqliteDatabase>();
        var bytes = await database.BackupAsync(target, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"backed up {database.Path} to {target} ({bytes:N0} bytes).").ConfigureAwait(false);
        return 0;
    }
}
