using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Sources;

/// <summary>
/// The secret <c>POST /api/posts</c> is verified with: the configured one, or, on a machine
/// where none is configured, one generated once and kept in <see cref="GenericSourceOptions.SecretFile"/>,
/// readable by the service's user only. It is never logged (log shipping would copy it); the log
/// says where the file is, and the endpoint then answers only requests from this machine.
/// </summary>
public sealed class GenericWebhookSecret
{
    public GenericWebhookSecret(IOptions<SourcesOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var generic = options.Value.Generic;
        IsGenerated = string.IsNullOrWhiteSpace(generic.Secret);
        if (!IsGenerated)
        {
            Value = generic.Secret!;
            return;
        }

        File = Path.GetFullPath(generic.SecretFile);
        Value = ReadOrCreate(File);
    }

    public string Value { get; }

    /// <summary>True when no secret was configured: only loopback senders are accepted.</summary>
    public bool IsGenerated { get; }

    /// <summary>Where the generated secret is kept; null when one is configured.</summary>
    public string? File { get; }

    /// <summary>The secret in the file, or a new one written there first (so it stays the same across restarts).</summary>
    private static string ReadOrCreate(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (System.IO.File.Exists(path) && System.IO.File.ReadAllText(path).Trim() is { Length: >= 32 } kept)
        {
            KeepPrivate(path);
            return kept;
        }

        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var written = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Created readable by this user only, so there is no moment when others could read it.
            written.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new StreamWriter(path, System.Text.Encoding.ASCII, written))
        {
            file.Write(secret + "\n");
        }

        KeepPrivate(path);
        return secret;
    }

    private static void KeepPrivate(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            System.IO.File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
