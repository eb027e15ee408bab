using System.Text;
using ChatOpsReply.Http;
using ChatOpsReply.Slack;
using CsCheck;

namespace ChatOpsReply.Tests.Slack;

/// <summary>Slack's v0 signing scheme, checked with the worked example on Slack's own page.</summary>
public sealed class SlackSignatureTests
{
    // Slack: the worked example of api.slack.com/authentication/verifying-requests-from-slack
    private const string DocSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string DocTimestamp = "1531420618";
    private const string DocBody = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    private const string DocSignature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    private static readonly DateTimeOffset DocTime = DateTimeOffset.FromUnixTimeSeconds(1531420618);

    private static SignatureCheck Verify(string secret = DocSecret, string? timestamp = DocTimestamp, string? signature = DocSignature, string body = DocBody, DateTimeOffset? now = null) =>
        SlackSignature.Verify(secret, timestamp, signature, Encoding.UTF8.GetBytes(body), now ?? DocTime);

    [Fact]
    public void Slacks_documented_example_verifies() => Assert.Equal(SignatureCheck.Valid, Verify());

    [Fact]
    public void Signing_the_documented_example_gives_the_documented_signature() =>
        Assert.Equal(DocSignature, SlackSignature.Sign(DocSecret, DocTimestamp, Encoding.UTF8.GetBytes(DocBody)));

    [Fact]
    public void A_tampered_body_is_refused() => Assert.Equal(SignatureCheck.Mismatch, Verify(body: DocBody.Replace("text=", "text=sudo", StringComparison.Ordinal)));

    [Fact]
    public void A_wrong_secret_is_refused() => Assert.Equal(SignatureCheck.Mismatch, Verify(secret: DocSecret + "x"));

    [Fact]
    public void A_request_older_than_five_minutes_is_refused_as_a_replay() =>
        Assert.Equal(SignatureCheck.Stale, Verify(now: DocTime.AddMinutes(5).AddSeconds(1)));

    [Fact]
    public void A_timestamp_from_the_future_is_refused_too() => Assert.Equal(SignatureCheck.Stale, Verify(now: DocTime.AddMinutes(-6)));

    [Fact]
    public void Within_five_minutes_either_way_is_accepted()
    {
        Assert.Equal(SignatureCheck.Valid, Verify(now: DocTime.AddMinutes(5)));
        Assert.Equal(SignatureCheck.Valid, Verify(now: DocTime.AddMinutes(-5)));
    }

    [Theory]
    [InlineData(null, DocSignature, SignatureCheck.Missing)]
    [InlineData(DocTimestamp, null, SignatureCheck.Missing)]
    [InlineData("yesterday", DocSignature, SignatureCheck.Stale)]
    [InlineData(DocTimestamp, "v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", SignatureCheck.Mismatch)]
    [InlineData(DocTimestamp, "v0=zz114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", SignatureCheck.Mismatch)]
    [InlineData(DocTimestamp, "v0=a2114d", SignatureCheck.Mismatch)]
    public void Missing_or_malformed_headers_are_refused(string? timestamp, string? signature, SignatureCheck expected) =>
        Assert.Equal(expected, Verify(timestamp: timestamp, signature: signature));

    [Fact]
    public void Any_changed_byte_of_any_body_breaks_the_signature()
    {
        Gen.Select(Gen.Byte.Array[1, 300], Gen.Int, Gen.Byte).Sample((body, at, flip) =>
        {
            var timestamp = "1700000000";
            var now = DateTimeOffset.FromUnixTimeSeconds(1700000000);
            var signature = SlackSignature.Sign("secret", timestamp, body);
            Assert.Equal(SignatureCheck.Valid, SlackSignature.Verify("secret", timestamp, signature, body, now));
            var changed = (byte[])body.Clone();
            var i = (int)((uint)at % (uint)changed.Length);
            changed[i] ^= flip == 0 ? (byte)1 : flip;
            Assert.Equal(SignatureCheck.Mismatch, SlackSignature.Verify("secret", timestamp, signature, changed, now));
        });
    }
}
