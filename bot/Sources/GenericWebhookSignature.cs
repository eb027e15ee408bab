using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ChatOpsReply.Sources;

/// <summary>
/// The signature of <c>POST /api/posts</c>: <c>X-ChatOpsReply-Signature: sha256=&lt;hex&gt;</c>, the
/// lowercase hex HMAC-SHA256 of <c>timestamp + "." + raw body</c>, with <c>X-ChatOpsReply-Timestamp</c>
/// in unix seconds no more than five minutes from now (either way), so a captured request
/// cannot be replayed later.
/// </summary>
public static class GenericWebhookSignature
{
    public const string SignatureHeader = "X-ChatOpsReply-Signature";
    public const string TimestampHeader = "X-ChatOpsReply-Timestamp";
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);
    private const string Prefix = "sha256=";

    public static SignatureCheck Verify(string secret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now)
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

        if (!signature.StartsWith(Prefix, StringComparison.Ordinal) || signature.Length != Prefix.Length + (HMACSHA256.HashSizeInBytes * 2))
        {
            return SignatureCheck.Mismatch;
        }

        byte[] given;
        try
        {
            given = Convert.FromHexString(signature.AsSpan(Prefix.Length));
        }
        catch (FormatException)
        {
            return SignatureCheck.Mismatch;
        }

        var expected = Compute(secret, timestamp, body);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }

    /// <summary>The header value a sender puts in <see cref="SignatureHeader"/>.</summary>
    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body) =>
        Prefix + Convert.ToHexStringLower(Compute(secret, timestamp, body));

    private static byte[] Compute(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);
    }
}
