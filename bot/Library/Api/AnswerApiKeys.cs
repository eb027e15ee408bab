using System.Security.Cryptography;
using System.Text;
using ChatOpsReply.Accountability;
using ChatOpsReply.Library.Curation;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Library.Api;

/// <summary>
/// The configured API keys, each acting as a caller with a name and a role. Keys are compared
/// as SHA-256 digests in constant time, and every key is compared, so the time taken tells
/// nothing about which key (or how much of one) was right.
/// </summary>
public sealed class AnswerApiKeys
{
    private readonly List<(byte[] Digest, Person Caller)> _keys;

    public AnswerApiKeys(IOptions<LibraryOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _keys = [.. (options.Value.ApiKeys ?? []).Select(k => (SHA256.HashData(Encoding.UTF8.GetBytes(k.Key)), Caller(k)))];
    }

    public bool Any => _keys.Count > 0;

    /// <summary>Who the key belongs to, or null for no key or a wrong one.</summary>
    public Person? Find(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return null;
        }

        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        Person? found = null;
        foreach (var (key, caller) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(digest, key))
            {
                found = caller;
            }
        }

        return found;
    }

    /// <summary>A key acts as a person of its own ("api:intranet-sync"), so history shows which key changed what.</summary>
    private static Person Caller(ApiKeyOptions key) =>
        new($"api:{AnswerValidation.Slug(key.Name)}", $"{key.Name} (API key)", new HashSet<string>([key.Role], StringComparer.OrdinalIgnoreCase));
}
