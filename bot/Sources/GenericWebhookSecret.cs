using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Sources;

/// <summary>
/// The secret <c>POST /api/posts</c> is verified with: the configured one, or, on a machine
/// where none is configured, one generated at start that only local senders can learn
/// (it is printed at start and the endpoint then answers only requests from this machine).
/// </summary>
public sealed class GenericWebhookSecret
{
    public GenericWebhookSecret(IOptions<SourcesOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configured = options.Value.Generic.Secret;
        IsGenerated = string.IsNullOrWhiteSpace(configured);
        Value = IsGenerated ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)) : configured!;
    }

    public string Value { get; }

    /// <summary>True when no secret was configured: only loopback senders are accepted.</summary>
    public bool IsGenerated { get; }
}
