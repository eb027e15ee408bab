using System.Net;
using ChatOpsReply.Http;
using ChatOpsReply.Sources.Twilio;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Sources.Twilio;

/// <summary>X-Twilio-Signature, checked with Twilio's own validator over the public URL and every parameter.</summary>
public sealed class TwilioSignatureTests
{
    // Twilio: the published example, twilio-csharp test/Twilio.Test/Security/RequestValidatorTest.cs
    private const string VectorUrl = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private const string VectorSignature = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

    private static readonly Dictionary<string, string> VectorParameters = new(StringComparer.Ordinal)
    {
        ["CallSid"] = "CA1234567890ABCDE",
        ["Caller"] = "+14158675309",
        ["Digits"] = "1234",
        ["From"] = "+14158675309",
        ["To"] = "+18005551212",
    };

    [Fact]
    public void The_published_example_signature_is_valid()
    {
        Assert.Equal(SignatureCheck.Valid, TwilioSignature.Verify("12345", VectorUrl, VectorParameters, VectorSignature));
    }

    [Fact]
    public void The_test_signer_computes_the_published_example()
    {
        Assert.Equal(VectorSignature, TwilioHost.Sign("12345", VectorUrl, VectorParameters));
    }

    [Fact]
    public void A_signature_twilio_made_with_the_default_port_in_the_url_is_valid_too()
    {
        var withPort = TwilioHost.Sign("12345", "https://mycompany.com:443/myapp.php?foo=1&bar=2", VectorParameters);

        Assert.Equal(SignatureCheck.Valid, TwilioSignature.Verify("12345", VectorUrl, VectorParameters, withPort));
    }

    [Fact]
    public void A_changed_parameter_an_added_parameter_or_another_token_does_not_match()
    {
        var changed = new Dictionary<string, string>(VectorParameters) { ["Digits"] = "1235" };
        var added = new Dictionary<string, string>(VectorParameters) { ["Body"] = "hi" };

        Assert.Equal(SignatureCheck.Mismatch, TwilioSignature.Verify("12345", VectorUrl, changed, VectorSignature));
        Assert.Equal(SignatureCheck.Mismatch, TwilioSignature.Verify("12345", VectorUrl, added, VectorSignature));
        Assert.Equal(SignatureCheck.Mismatch, TwilioSignature.Verify("54321", VectorUrl, VectorParameters, VectorSignature));
        Assert.Equal(SignatureCheck.Mismatch, TwilioSignature.Verify("12345", "https://mycompany.com/myapp.php?foo=1&bar=3", VectorParameters, VectorSignature));
        Assert.Equal(SignatureCheck.Missing, TwilioSignature.Verify("12345", VectorUrl, VectorParameters, null));
    }

    [Fact]
    public async Task A_webhook_signed_with_another_token_or_tampered_with_is_refused_and_stores_nothing()
    {
        await using var twilio = await TwilioHost.StartAsync();
        var form = twilio.Inbound("Where is my parcel?");

        using var wrongToken = await twilio.PostAsync("/api/sources/twilio", form, token: "someone-else");
        var tampered = new Dictionary<string, string>(form) { ["Body"] = "Send me a refund" };
        using var tamperedResponse = await twilio.PostAsync("/api/sources/twilio", tampered, signature: TwilioHost.Sign(TwilioHost.AuthToken, TwilioHost.PublicUrl + "/api/sources/twilio", form));
        using var unsigned = await twilio.Client.PostAsync("/api/sources/twilio", new FormUrlEncodedContent(form));
        // Signed for the URL the test server has, not the public one Twilio was given: a proxy's view, refused.
        using var localUrl = await twilio.PostAsync("/api/sources/twilio", form, signature: TwilioHost.Sign(TwilioHost.AuthToken, "http://localhost/api/sources/twilio", form));

        Assert.All([wrongToken, tamperedResponse, unsigned, localUrl], r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Equal("application/problem+json", unsigned.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await twilio.Host.Service<ChatOpsReply.Posts.IPostStore>().ListAsync(new ChatOpsReply.Posts.PostQuery()));
    }
}
