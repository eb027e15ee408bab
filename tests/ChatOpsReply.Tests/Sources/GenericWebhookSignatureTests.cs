using System.Security.Cryptography;
using System.Text;
using ChatOpsReply.Http;
using ChatOpsReply.Sources;
using CsCheck;

namespace ChatOpsReply.Tests.Sources;

public sealed class GenericWebhookSignatureTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_signature_is_lowercase_hex_HMAC_SHA256_of_timestamp_dot_body()
    {
        var body = Encoding.UTF8.GetBytes("""{"source":"x"}""");
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("secret"), Encoding.UTF8.GetBytes("1795424400." + """{"source":"x"}""")));

        Assert.Equal("sha256=" + expected, GenericWebhookSignature.Sign("secret", "1795424400", body));
    }

    [Fact]
    public void A_signed_body_verifies_and_any_changed_byte_does_not()
    {
        Gen.Select(Gen.String[1, 40], Gen.Byte.Array[1, 2000], Gen.Int[0, 1999]).Sample((secret, body, position) =>
        {
            var timestamp = Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            var signature = GenericWebhookSignature.Sign(secret, timestamp, body);
            Assert.Equal(SignatureCheck.Valid, GenericWebhookSignature.Verify(secret, timestamp, signature, body, Now));

            var tampered = (byte[])body.Clone();
            tampered[position % tampered.Length] ^= 0x01;
            Assert.Equal(SignatureCheck.Mismatch, GenericWebhookSignature.Verify(secret, timestamp, signature, tampered, Now));
            Assert.Equal(SignatureCheck.Mismatch, GenericWebhookSignature.Verify(secret + "x", timestamp, signature, body, Now));
        });
    }

    [Theory]
    [InlineData(-301, SignatureCheck.Stale)]
    [InlineData(-300, SignatureCheck.Valid)]
    [InlineData(300, SignatureCheck.Valid)]
    [InlineData(301, SignatureCheck.Stale)]
    public void Timestamps_are_accepted_within_five_minutes_either_way(int offsetSeconds, SignatureCheck expected)
    {
        var body = "{}"u8.ToArray();
        var timestamp = Now.AddSeconds(offsetSeconds).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(expected, GenericWebhookSignature.Verify("s", timestamp, GenericWebhookSignature.Sign("s", timestamp, body), body, Now));
    }

    [Theory]
    [InlineData(null, "sha256=00", SignatureCheck.Missing)]
    [InlineData("1795424400", null, SignatureCheck.Missing)]
    [InlineData("soon", "sha256=00", SignatureCheck.Stale)]
    [InlineData("-1", "sha256=00", SignatureCheck.Stale)]
    [InlineData("99999999999999999999", "sha256=00", SignatureCheck.Stale)]
    [InlineData("1795424400", "sha1=abc", SignatureCheck.Mismatch)]
    [InlineData("1795424400", "sha256=zz", SignatureCheck.Mismatch)]
    [InlineData("1795424400", "sha256=zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", SignatureCheck.Mismatch)]
    public void Malformed_headers_are_refused_without_exceptions(string? timestamp, string? signature, SignatureCheck expected)
    {
        Assert.Equal(expected, GenericWebhookSignature.Verify("s", timestamp, signature, "{}"u8, Now));
    }
}
