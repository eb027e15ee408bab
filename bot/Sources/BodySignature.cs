using System.Security.Cryptography;
using System.Text;
using ChatOpsReply.Http;

namespace ChatOpsReply.Sources;

/// <summary>
/// A signature over the raw body alone, "sha256=" and the HMAC-SHA256 keyed with the app's
/// secret, in hex (Meta's X-Hub-Signature-256) or base64 (X's webhook signature), compared in
/// constant time. These platforms sign no timestamp, so there is no replay window to check.
/// </summary>
public sealed record BodySignature(bool Base64)
{
    public const string Prefix = "sha256=";

    public static readonly BodySignature Hex = new(false);

    public static readonly BodySignature Base64Encoded = new(true);

    public SignatureCheck Verify(string secret, string? signature, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (string.IsNullOrEmpty(signature))
        {
            return SignatureCheck.Missing;
        }

        if (!signature.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return SignatureCheck.Mismatch;
        }

        byte[] given;
        try
        {
            given = Base64 ? Convert.FromBase64String(signature[Prefix.Length..]) : Convert.FromHexString(signature.AsSpan(Prefix.Length));
        }
        catch (FormatException)
        {
            return SignatureCheck.Mismatch;
        }

        return CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body), given) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }

    /// <summary>The header value a platform would send (for tests, the bench and fakes).</summary>
    public string Sign(string secret, ReadOnlySpan<byte> body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
        return Prefix + (Base64 ? Convert.ToBase64String(mac) : Convert.ToHexStringLower(mac));
    }
}
