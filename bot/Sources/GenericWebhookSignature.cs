using ChatOpsReply.Http;

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
    public static readonly TimeSpan Tolerance = TimestampedHmac.Tolerance;
    private static readonly TimestampedHmac Scheme = new("sha256=", timestamp => timestamp + ".");

    public static SignatureCheck Verify(string secret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now) =>
        Scheme.Verify(secret, timestamp, signature, body, now);

    /// <summary>The header value a sender puts in <see cref="SignatureHeader"/>.</summary>
    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body) => Scheme.Sign(secret, timestamp, body);
}
