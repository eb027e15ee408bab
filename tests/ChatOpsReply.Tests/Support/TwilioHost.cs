using System.Security.Cryptography;
using System.Text.Json;
using System.Text;
using ChatOpsReply.Sources.Twilio;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsReply.Tests.Support;

/// <summary>
/// The service with SMS on, talking to a fake Twilio, and the webhooks Twilio would send it,
/// signed as Twilio signs them (over the public URL it was registered under, not the test URL).
/// </summary>
public sealed class TwilioHost : ChannelHost
{
    public const string AccountSid = "AC00000000000000000000000000000001";
    public const string AuthToken = "test-twilio-auth-token";
    public const string PublicUrl = "https://replies.example.com";
    public const string OurNumber = "+18005551212";

    /// <summary>A London mobile: 09:00 UTC at the test clock's start is 09:00 there, outside quiet hours.</summary>
    public const string Customer = "+447700900123";

    private int _messages;

    private TwilioHost(FakePlatform twilio, ServiceHost host)
        : base(twilio, host)
    {
    }

    public static async Task<TwilioHost> StartAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        // Twilio: a created message answers 201 with its sid and status "queued", twilio.com/docs/messaging/api/message-resource
        var messages = 0;
        var twilio = await FakePlatform.StartAsync(_ => (201, JsonSerializer.Serialize(new { sid = $"SM{Interlocked.Increment(ref messages):D32}", status = "queued" })));
        var platform = new Dictionary<string, string?>
        {
            ["Sources:Twilio:AccountSid"] = AccountSid,
            ["Sources:Twilio:AuthToken"] = AuthToken,
            ["Sources:Twilio:From"] = OurNumber,
            ["Sources:Twilio:PublicUrl"] = PublicUrl,
            ["Sources:Twilio:ApiBaseUrl"] = twilio.Url,
            // Short, so a test of a platform that never answers is quick; long enough for a first call while the suite starts up.
            ["Sources:Twilio:RequestTimeout"] = "00:00:05",
        };
        return new TwilioHost(twilio, new ServiceHost(Settings(platform, settings), services));
    }

    /// <summary>Twilio's scheme, written out for the tests: base64 HMAC-SHA1 over the URL and the sorted name+value pairs.</summary>
    public static string Sign(string token, string url, IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var data = new StringBuilder(url);
        foreach (var key in parameters.Keys.Order(StringComparer.Ordinal))
        {
            data.Append(key).Append(parameters[key]);
        }

        // Twilio's scheme is HMAC-SHA1; we only mirror it.
#pragma warning disable CA5350
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(data.ToString())));
#pragma warning restore CA5350
    }

    /// <summary>Posts form fields to a path as Twilio would, signed for <see cref="PublicUrl"/> + path.</summary>
    public async Task<HttpResponseMessage> PostAsync(string pathAndQuery, IReadOnlyDictionary<string, string> form, string token = AuthToken, string? signature = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, pathAndQuery) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", signature ?? Sign(token, PublicUrl + pathAndQuery, form));
        return await Client.SendAsync(request);
    }

    /// <summary>A Messaging webhook's fields, shaped like twilio.com/docs/messaging/guides/webhook-request.</summary>
    public Dictionary<string, string> Inbound(string body, string from = Customer, string? sid = null)
    {
        var id = sid ?? $"SM{Interlocked.Increment(ref _messages):D32}";
        return new(StringComparer.Ordinal)
        {
            ["ToCountry"] = "US",
            ["ToState"] = "CA",
            ["SmsMessageSid"] = id,
            ["NumMedia"] = "0",
            ["ToCity"] = "",
            ["FromZip"] = "",
            ["SmsSid"] = id,
            ["FromState"] = "",
            ["SmsStatus"] = "received",
            ["FromCity"] = "LONDON",
            ["Body"] = body,
            ["FromCountry"] = "GB",
            ["To"] = OurNumber,
            ["MessagingServiceSid"] = "",
            ["ToZip"] = "",
            ["NumSegments"] = "1",
            ["MessageSid"] = id,
            ["AccountSid"] = AccountSid,
            ["From"] = from,
            ["ApiVersion"] = "2010-04-01",
        };
    }

    /// <summary>A customer text that became a post; returns the post id.</summary>
    public async Task<string> ReceiveAsync(string body, string from = Customer)
    {
        var form = Inbound(body, from);
        using var response = await PostAsync("/api/sources/twilio", form);
        response.EnsureSuccessStatusCode();
        return (await Host.Service<ChatOpsReply.Posts.IPostStore>().FindIngestedAsync(new ChatOpsReply.Posts.IngestKey("sms", form["MessageSid"])))
            ?? throw new InvalidOperationException("The text became no post.");
    }
}
