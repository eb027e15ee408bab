using System.Net;
using ChatOpsReply.Tests.Support;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Tests.Sources;

/// <summary>Channel settings are checked at start: a half-configured channel stops the service with the key to fix; an unconfigured one is off.</summary>
public sealed class ChannelConfigurationTests
{
    [Theory]
    [InlineData("Sources:Twilio:AccountSid", "AC1", "Sources:Twilio:AccountSid and Sources:Twilio:AuthToken are needed together.")]
    [InlineData("Sources:Meta:AppSecret", "secret", "Sources:Meta:AppSecret, Sources:Meta:VerifyToken and Sources:Meta:PageAccessToken are needed together.")]
    [InlineData("Sources:X:ConsumerSecret", "secret", "Sources:X:ConsumerKey, ConsumerSecret, AccessToken and AccessTokenSecret are needed together.")]
    [InlineData("Sources:Email:Imap:Host", "imap.example.com", "Sources:Email:Imap:Host, Sources:Email:Imap:User and Sources:Email:Imap:Password are needed together.")]
    [InlineData("Sources:Generic:ReplyUrl", "ftp://example.com/replies", "Sources:Generic:ReplyUrl must be an absolute http(s) URL.")]
    public void A_half_configured_channel_stops_the_service_and_names_the_key(string key, string value, string message)
    {
        using var host = new ServiceHost(new Dictionary<string, string?> { [key] = value });

        var refused = Assert.Throws<OptionsValidationException>(() => host.Services);

        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
        host.DeleteFolder();
    }

    [Fact]
    public void A_channel_with_its_secrets_but_no_way_to_reply_stops_the_service()
    {
        using var host = new ServiceHost(new Dictionary<string, string?>
        {
            ["Sources:Twilio:AccountSid"] = "AC1",
            ["Sources:Twilio:AuthToken"] = "token",
            ["Sources:Twilio:PublicUrl"] = "https://replies.example.com",
        });

        var refused = Assert.Throws<OptionsValidationException>(() => host.Services);

        Assert.Contains("Sources:Twilio:From or Sources:Twilio:MessagingServiceSid is needed to send texts.", refused.Message, StringComparison.Ordinal);
        host.DeleteFolder();
    }

    [Theory]
    [InlineData("/api/sources/twilio")]
    [InlineData("/api/sources/twilio/status")]
    [InlineData("/api/sources/meta")]
    [InlineData("/api/sources/x")]
    public async Task Without_its_secrets_a_channel_has_no_webhook(string path)
    {
        using var host = new ServiceHost();
        using var client = host.NewClient();

        using var response = await client.PostAsync(path, new StringContent("{}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        host.DeleteFolder();
    }
}
