using ChatOpsReply.Http;


namespace ChatOpsReply.Slack;

/// <summary>
/// Slack's v0 request signature: <c>X-Slack-Signature: v0=&lt;hex&gt;</c>, the HMAC-SHA256 of
/// <c>v0:{X-Slack-Request-Timestamp}:{raw body}</c> keyed with the app's signing secret.
/// </summary>
public static class SlackSignature
{
    public const string SignatureHeader = "X-Slack-Signature";
    public const string TimestampHeader = "X-Slack-Request-Timestamp";

    // Slack: base string "v0:" + timestamp + ":" + raw body, hex HMAC-SHA256 behind "v0=", api.slack.com/authentication/verifying-requests-from-slack
    // Slack: reject timestamps over five minutes old (we refuse the future too) and compare in constant time, same page
    private static readonly TimestampedHmac Scheme = new("v0=", timestamp => $"v0:{timestamp}:");

    public static SignatureCheck Verify(string secret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now) =>
        Scheme.Verify(secret, timestamp, signature, body, now);

    /// <summary>The <see cref="SignatureHeader"/> value Slack would send (for tests, the bench and the fake Slack).</summary>
    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body) => Scheme.Sign(secret, timestamp, body);
}
