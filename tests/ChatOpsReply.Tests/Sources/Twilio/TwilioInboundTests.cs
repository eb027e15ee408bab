using System.Net;
using System.Text;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Sources.Twilio;

/// <summary>Texts arriving through Twilio's Messaging webhook: posts, follow-ups, consent keywords and hostile bodies.</summary>
public sealed class TwilioInboundTests : IAsyncLifetime
{
    private TwilioHost _twilio = null!;

    public async Task InitializeAsync() => _twilio = await TwilioHost.StartAsync();

    public async Task DisposeAsync() => await _twilio.DisposeAsync();

    [Fact]
    public async Task A_text_becomes_a_post_from_the_customers_number_and_twilio_is_told_to_send_nothing()
    {
        var form = _twilio.Inbound("Hi, where is my parcel? Order 5512");
        using var response = await _twilio.PostAsync("/api/sources/twilio", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>", await response.Content.ReadAsStringAsync());
        var postId = await _twilio.Host.Service<IPostStore>().FindIngestedAsync(new IngestKey("sms", form["MessageSid"]));
        var post = await _twilio.Host.PostAsync(postId!);
        Assert.Equal(("sms", TwilioHost.Customer, "Hi, where is my parcel? Order 5512"), (post.Source, post.Author.Handle, post.Text));
        Assert.Equal($"{TwilioHost.Customer}>{TwilioHost.OurNumber}", post.ThreadId);
    }

    [Fact]
    public async Task A_second_text_from_the_same_customer_attaches_to_their_open_post_and_a_redelivery_is_stored_once()
    {
        var postId = await _twilio.ReceiveAsync("Where is my parcel?");
        var again = _twilio.Inbound("It was due on Monday.");
        using (await _twilio.PostAsync("/api/sources/twilio", again))
        using (await _twilio.PostAsync("/api/sources/twilio", again))
        {
        }

        var post = await _twilio.Host.PostAsync(postId);
        Assert.Equal(["It was due on Monday."], post.FollowUps.Select(f => f.Text));
    }

    [Fact]
    public async Task A_picture_message_lists_its_attachments_on_the_post()
    {
        var form = _twilio.Inbound("The box arrived like this");
        form["NumMedia"] = "1";
        form["MediaUrl0"] = "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1";
        form["MediaContentType0"] = "image/jpeg";
        using var response = await _twilio.PostAsync("/api/sources/twilio", form);

        var post = await _twilio.Host.PostAsync((await _twilio.Host.Service<IPostStore>().FindIngestedAsync(new IngestKey("sms", form["MessageSid"])))!);
        Assert.Contains("[1 attachment: https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1]", post.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_records_an_opt_out_with_its_evidence_and_sends_no_confirmation_of_our_own()
    {
        var form = _twilio.Inbound("STOP");
        using var response = await _twilio.PostAsync("/api/sources/twilio", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var consent = await _twilio.Host.Service<IConsentStore>().GetAsync("sms", TwilioHost.Customer);
        Assert.False(consent!.OptedIn);
        Assert.Contains(form["MessageSid"], consent.Evidence, StringComparison.Ordinal);
        Assert.Empty(await _twilio.Host.Service<IPostStore>().ListAsync(new PostQuery()));
        await _twilio.Host.DeliverAsync();
        Assert.Empty(_twilio.Api.Calls);
    }

    [Fact]
    public async Task Advanced_opt_out_types_record_consent_either_way_and_help_is_no_post()
    {
        var stop = _twilio.Inbound("Arrêtez");
        stop["OptOutType"] = "STOP";
        using (await _twilio.PostAsync("/api/sources/twilio", stop))
        {
        }

        Assert.False((await _twilio.Host.Service<IConsentStore>().GetAsync("sms", TwilioHost.Customer))!.OptedIn);
        var start = _twilio.Inbound("Go on then");
        start["OptOutType"] = "START";
        using (await _twilio.PostAsync("/api/sources/twilio", start))
        {
        }

        var consent = await _twilio.Host.Service<IConsentStore>().GetAsync("sms", TwilioHost.Customer);
        Assert.True(consent!.OptedIn);
        Assert.Contains("OptOutType START", consent.Evidence, StringComparison.Ordinal);
        var help = _twilio.Inbound("HELP");
        help["OptOutType"] = "HELP";
        using (await _twilio.PostAsync("/api/sources/twilio", help))
        {
        }

        Assert.Empty(await _twilio.Host.Service<IPostStore>().ListAsync(new PostQuery()));
    }

    [Fact]
    public async Task A_START_that_Twilio_delivers_again_after_a_STOP_leaves_the_customer_opted_out()
    {
        var start = _twilio.Inbound("START");
        start["OptOutType"] = "START";
        var stop = _twilio.Inbound("STOP");
        stop["OptOutType"] = "STOP";

        foreach (var form in new[] { start, stop, start })
        {
            using var response = await _twilio.PostAsync("/api/sources/twilio", form);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            _twilio.Host.Time.Advance(TimeSpan.FromMinutes(1));
        }

        var consent = await _twilio.Host.Service<IConsentStore>().GetAsync("sms", TwilioHost.Customer);
        Assert.False(consent!.OptedIn);
        Assert.Contains($"OptOutType STOP for message {stop["MessageSid"]}", consent.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_which_twilio_answers_itself_is_no_post()
    {
        using var response = await _twilio.PostAsync("/api/sources/twilio", _twilio.Inbound("help"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await _twilio.Host.Service<IPostStore>().ListAsync(new PostQuery()));
        Assert.Null(await _twilio.Host.Service<IConsentStore>().GetAsync("sms", TwilioHost.Customer));
    }

    [Fact]
    public async Task A_signed_webhook_without_a_sender_is_refused_naming_the_field()
    {
        var form = _twilio.Inbound("Hello");
        form.Remove("From");
        using var response = await _twilio.PostAsync("/api/sources/twilio", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"From\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_utf8_and_lone_surrogates_never_get_a_server_error()
    {
        // Raw bytes that are not UTF-8, percent-encoded as a sender might.
        using var raw = new HttpRequestMessage(HttpMethod.Post, "/api/sources/twilio")
        {
            Content = new ByteArrayContent(Encoding.ASCII.GetBytes("Body=%FF%FE%C3&From=%2B447700900123&To=%2B18005551212&MessageSid=SMx")),
        };
        raw.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
        raw.Headers.Add("X-Twilio-Signature", "bogus");
        using var invalid = await _twilio.Client.SendAsync(raw);
        var form = _twilio.Inbound("half an emoji \ud83d");
        using var surrogate = await _twilio.PostAsync("/api/sources/twilio", form);

        Assert.Equal(HttpStatusCode.Unauthorized, invalid.StatusCode);
        Assert.True((int)surrogate.StatusCode < 500, $"HTTP {(int)surrogate.StatusCode}");
    }

    [Fact]
    public async Task With_the_store_down_twilio_gets_503_with_retry_after()
    {
        await using var twilio = await TwilioHost.StartAsync(services: FlakyPostStore.Use);
        twilio.Host.Service<FlakyPostStore>().Down = true;

        using var response = await twilio.PostAsync("/api/sources/twilio", twilio.Inbound("Where is my parcel?"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("5", response.Headers.RetryAfter?.ToString());
    }
}
