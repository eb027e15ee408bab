using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ChatOpsReply.Sources;

namespace ChatOpsReply.Slack;

/// <summary>
/// Slack's v0 request signature: <c>X-Slack-Signature: v0=&lt;hex&gt;</c>, the HMAC-SHA256 of
/// <c>v0:{X-Slack-Request-Timestamp}:{raw body}</c> keyed with the app's signing secret.
/// </summary>
public static class SlackSignature
{
    public const string SignatureHeader = "X-Slack-Signature";
    public const string TimestampHeader = "X-Slack-Request-Timestamp";

    // Slack: reject requests more than five minutes old (we also refuse the future), api.slack.com/authentication/verifying-requests-from-slack
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);
    private const string Version = "v0";
    private const string Prefix = Version + "=";

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

        // Slack: compare in constant time, api.slack.com/authentication/verifying-requests-from-slack
        return CryptographicOperations.FixedTimeEquals(Compute(secret, timestamp, body), given) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }

    /// <summary>The <see cref="SignatureHeader"/> value Slack would send (for tests, the bench and the fake Slack).</summary>
    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body) =>
        Prefix + Convert.ToHexStringLower(Compute(secret, timestamp, body));

    private static byte[] Compute(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        // Slack: base string is "v0:" + timestamp + ":" + the raw body bytes, api.slack.com/authentication/verifying-requests-from-slack
        var prefix = Encoding.UTF8.GetBytes($"{Version}:{timestamp}:");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);
    }
}
