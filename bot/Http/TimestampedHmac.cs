using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ChatOpsReply.Http;

/// <summary>
/// The shape both our webhook signature and Slack's share: a lowercase hex HMAC-SHA256 of
/// "{base prefix}{raw body}" behind a version prefix, with a unix-seconds timestamp that must
/// be within five minutes of now either way, compared in constant time.
/// </summary>
/// <param name="SignaturePrefix">What the signature header starts with, e.g. "sha256=" or "v0=".</param>
/// <param name="BasePrefix">What goes before the body in the signed message, given the timestamp.</param>
public sealed record TimestampedHmac(string SignaturePrefix, Func<string, string> BasePrefix)
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public SignatureCheck Verify(string secret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            return SignatureCheck.Missing;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > Tolerance)
        {
            return SignatureCheck.Stale;
        }

        if (!signature.StartsWith(SignaturePrefix, StringComparison.Ordinal) || signature.Length != SignaturePrefix.Length + (HMACSHA256.HashSizeInBytes * 2))
        {
            return SignatureCheck.Mismatch;
        }

        byte[] given;
        try
        {
            given = Convert.FromHexString(signature.AsSpan(SignaturePrefix.Length));
        }
        catch (FormatException)
        {
            return SignatureCheck.Mismatch;
        }

        return CryptographicOperations.FixedTimeEquals(Compute(secret, timestamp, body), given) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }

    /// <summary>The signature header value a sender puts on a request.</summary>
    public string Sign(string secret, string timestamp, ReadOnlySpan<byte> body) =>
        SignaturePrefix + Convert.ToHexStringLower(Compute(secret, timestamp, body));

    private byte[] Compute(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(BasePrefix(timestamp));
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);
    }
}
