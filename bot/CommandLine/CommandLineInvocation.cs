using ChatOpsReply.Posts;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.CommandLine;

/// <summary>
/// What the command line asks for, decided in one place: the service (with <c>--demo</c> or not),
/// a verb that runs once against the store and exits, or a refusal with the usage. Settings
/// (<c>--Storage:Provider=Redis</c>, <c>--urls …</c>, <c>Key=value</c>) go to the host either way,
/// so a verb reads the same store the service would.
/// </summary>
public sealed record CommandLineInvocation(IReadOnlyList<string> HostArguments, bool Demo, ICommandLineVerb? Verb, string? Refusal)
{
    public const string Usage = """
        Usage: ChatOpsReply [settings] [--demo]             run the service
               ChatOpsReply audit verify [post-id] [settings]
                   check the audit trail's hashes: every post and the store-wide chain, or one post
               ChatOpsReply customer erase --source <source> --handle <handle> [settings]
                   erase a customer's text, name and handle from posts, drafts, replies and audit events
               ChatOpsReply backup <file> [settings]
                   copy the SQLite store, consistently, while the service runs
        Settings are configuration keys, e.g. --Storage:Sqlite:Path=data/chatopsreply.db or --Storage:Provider=Redis.
        """;

    // Settings the host itself reads that have no section (learn.microsoft.com/aspnet/core/fundamentals/host/web-host#host-configuration-values).
    private static readonly HashSet<string> VerbOptions = new(["source", "handle"], StringComparer.Ordinal);

    private static readonly HashSet<string> HostKeys = new(["urls", "contentRoot", "environment", "applicationName", "webroot"], StringComparer.OrdinalIgnoreCase);

    public static CommandLineInvocation Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var host = new List<string>();
        var words = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var demo = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--demo")
            {
                demo = true;
                continue;
            }

            if (!arg.StartsWith('-'))
            {
                if (arg.Contains('=', StringComparison.Ordinal))
                {
                    host.Add(arg);
                }
                else
                {
                    words.Add(arg);
                }

                continue;
            }

            var name = arg.TrimStart('-');
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? name : name[..equals];
            string? value = equals < 0 ? null : name[(equals + 1)..];
            if (!VerbOptions.Contains(key))
            {
                // A setting: a configuration key ("--Storage:Provider=Redis", "--Storage="), or one the host reads ("--urls …").
                if (value is null && !key.Contains(':', StringComparison.Ordinal) && !HostKeys.Contains(key))
                {
                    return Refuse(host, $"Unknown option {arg}.");
                }

                host.Add(arg);
                if (value is null && i + 1 < args.Count && !args[i + 1].StartsWith('-'))
                {
                    host.Add(args[++i]);
                }

                continue;
            }

            if (value is null && i + 1 < args.Count)
            {
                value = args[++i];
            }

            if (value is null)
            {
                return Refuse(host, $"The option {arg} needs a value.");
            }

            options[key] = value;
        }

        if (words.Count == 0)
        {
            return options.Count == 0 ? new(host, demo, null, null) : Refuse(host, $"The option --{options.Keys.First()} belongs to a verb; none was given.");
        }

        if (demo)
        {
            return Refuse(host, "--demo runs the service; it does not go with a verb.");
        }

        var verb = ParseVerb(words, options, out var refusal);
        return verb is null ? Refuse(host, refusal!) : new(host, false, verb, null);
    }

    private static ICommandLineVerb? ParseVerb(List<string> words, Dictionary<string, string> options, out string? refusal)
    {
        refusal = null;
        string? Unexpected(params string[] allowed) =>
            options.Keys.FirstOrDefault(k => !allowed.Contains(k, StringComparer.Ordinal)) is { } extra ? $"{string.Join(' ', words.Take(2))} takes no option --{extra}." : null;

        switch (words)
        {
            case ["audit", "verify"] or ["audit", "verify", _] when (refusal = Unexpected()) is null:
                return new AuditVerifyVerb(words.Count == 3 ? words[2] : null);
            case ["customer", "erase"] when (refusal = Unexpected("source", "handle")) is null:
                if (!options.TryGetValue("source", out var source) || string.IsNullOrWhiteSpace(source)
                    || !options.TryGetValue("handle", out var handle) || string.IsNullOrWhiteSpace(handle))
                {
                    refusal = "customer erase needs both --source and --handle, e.g. --source x --handle @ana.";
                    return null;
                }

                return new CustomerEraseVerb(source.Trim(), handle.Trim());
            case ["backup", var file] when (refusal = Unexpected()) is null:
                return new BackupVerb(file);
            case ["backup"]:
                refusal = "backup needs the file to write, e.g. backup /var/backups/chatopsreply.db.";
                return null;
            default:
                refusal ??= $"Unknown command: {string.Join(' ', words)}.";
                return null;
        }
    }

    private static CommandLineInvocation Refuse(List<string> host, string refusal) => new(host, false, null, refusal);
}

/// <summary>Runs a verb, turning what an administrator can fix (a bad setting, a store that does not answer) into a sentence and exit code 1.</summary>
public static class CommandLineVerbs
{
    public static async Task<int> RunAsync(ICommandLineVerb verb, IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(verb);
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            return await verb.RunAsync(services, output, cancellationToken).ConfigureAwait(false);
        }
        catch (OptionsValidationException e)
        {
            await output.WriteLineAsync(string.Join(Environment.NewLine, e.Failures)).ConfigureAwait(false);
            return 1;
        }
        catch (StoreUnavailableException e)
        {
            await output.WriteLineAsync($"{e.Message} Nothing was changed that a second run would not finish.").ConfigureAwait(false);
            return 1;
        }
    }
}

/// <summary>A verb that runs once against the configured store: its exit code is 0 when done, 1 when what it found or met stops it.</summary>
public interface ICommandLineVerb
{
    Task<int> RunAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken);
}
