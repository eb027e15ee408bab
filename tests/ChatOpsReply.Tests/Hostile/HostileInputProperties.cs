using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ChatOpsReply.Http;
using ChatOpsReply.Library.Curation;
using ChatOpsReply.Library.Model;
using ChatOpsReply.Slack;
using ChatOpsReply.Sources;
using ChatOpsReply.Tests.Support;
using CsCheck;

namespace ChatOpsReply.Tests.Hostile;

/// <summary>
/// Hostile input as a property of every endpoint: whatever a sender sends, signed so that it passes
/// verification and reaches the parser, the answer is never a 5xx, nothing is half written, and the
/// service stays up. Each property draws a bounded number of bodies; the suite is its own xUnit
/// collection so it runs beside the rest.
/// </summary>
[Collection(nameof(HostileInputProperties))]
public sealed class HostileInputProperties(HostileService service) : IClassFixture<HostileService>
{
    /// <summary>Bodies per property in the test command (about a second each); set CHATOPSREPLY_HOSTILE_SAMPLES for a longer hunt.</summary>
    private static readonly int Samples = int.TryParse(Environment.GetEnvironmentVariable("CHATOPSREPLY_HOSTILE_SAMPLES"), out var n) ? n : 150;

    private const string Json = "application/json";

    private const string Form = "application/x-www-form-urlencoded";

    private ServiceHost Host => service.Host;

    private long Now => Host.Time.GetUtcNow().ToUnixTimeSeconds();

    [Fact]
    public async Task Posts_endpoint()
    {
        const string valid = """{"source":"x","externalId":"h-1","threadId":"t-1","author":{"handle":"@ana","displayName":"Ana Lopez"},"text":"Where is my parcel?","url":"https://x.com/ana/status/1","receivedAt":"2026-11-23T08:55:00Z"}""";
        await NeverAServerErrorAsync(HostileBodies.Json(valid), Json, async (body, type) =>
        {
            var timestamp = Now.ToString(CultureInfo.InvariantCulture);
            return await service.SendAsync("/api/posts", body, type, (GenericWebhookSignature.TimestampHeader, timestamp), (GenericWebhookSignature.SignatureHeader, GenericWebhookSignature.Sign(TestConfig.GenericSecret, timestamp, body)));
        });
    }

    [Fact]
    public async Task Twilio_webhook()
    {
        var valid = new Dictionary<string, string>
        {
            ["MessageSid"] = "SM00000000000000000000000000000001",
            ["AccountSid"] = "AC00000000000000000000000000000001",
            ["From"] = "+447700900123",
            ["To"] = "+18005551212",
            ["Body"] = "Where is my parcel?",
            ["NumMedia"] = "0",
            ["OptOutType"] = "STOP",
        };
        var postId = await Host.ReceiveAsync("Where is my parcel?", source: "sms", externalId: "twilio-hostile", handle: "+447700900123");
        var status = new Dictionary<string, string>
        {
            ["MessageSid"] = "SM00000000000000000000000000000002",
            ["MessageStatus"] = "undelivered",
            ["ErrorCode"] = "30003",
            ["To"] = "+447700900123",
        };
        // The status callback URL is ours (the reply's post, number and attempt), signed with the form.
        var callback = $"/api/sources/twilio/status?post={postId}&reply=1&attempt=1";
        await NeverAServerErrorAsync(Gen.OneOf(HostileBodies.Form(valid).Select(b => (b, "/api/sources/twilio")), HostileBodies.Form(status).Select(b => (b, callback))), Form, (pair, type) =>
            service.SendAsync(pair.Item2, pair.Item1, type, ("X-Twilio-Signature", TwilioHost.Sign(HostileService.TwilioToken, HostileService.TwilioPublicUrl + pair.Item2, HostileService.AsRead(pair.Item1)))));
    }

    [Fact]
    public async Task Meta_webhook()
    {
        var valid = $$$"""
            {"object":"page","entry":[{"id":"1122334455","time":{{{Now}}},"changes":[{"field":"feed","value":{"from":{"id":"6100000000001","name":"Ana Lopez"},"message":"Where is my parcel?","post_id":"1122334455_9001","comment_id":"9001_1","created_time":{{{Now}}},"item":"comment","parent_id":"1122334455_9001","verb":"add"}}],
            "messaging":[{"sender":{"id":"7100000000001"},"recipient":{"id":"1122334455"},"timestamp":{{{Now * 1000}}},"message":{"mid":"m_1","text":"Hello?"}}]}]}
            """;
        await NeverAServerErrorAsync(HostileBodies.Json(valid), Json, (body, type) =>
            service.SendAsync("/api/sources/meta", body, type, ("X-Hub-Signature-256", BodySignature.Hex.Sign(HostileService.MetaSecret, body))));
    }

    [Fact]
    public async Task X_webhook()
    {
        var valid = $$$"""
            {"for_user_id":"2244994945","tweet_create_events":[{"id":1790000000000000001,"id_str":"1790000000000000001","text":"@AcmeHelp where is my parcel?","in_reply_to_status_id_str":null,
            "user":{"id":3805104374,"id_str":"3805104374","name":"Ana Lopez","screen_name":"ana_lopez"},"entities":{"user_mentions":[{"screen_name":"AcmeHelp","id_str":"2244994945","indices":[0,9]}]},"timestamp_ms":"{{{Now * 1000}}}"}],
            "direct_message_events":[{"type":"message_create","id":"1790000000000000002","created_timestamp":"{{{Now * 1000}}}","message_create":{"target":{"recipient_id":"2244994945"},"sender_id":"3805104374","message_data":{"text":"Hello?"} } }]}
            """;
        await NeverAServerErrorAsync(HostileBodies.Json(valid), Json, (body, type) =>
            service.SendAsync("/api/sources/x", body, type, ("x-twitter-webhooks-signature", BodySignature.Base64Encoded.Sign(HostileService.XSecret, body))));
    }

    [Fact]
    public async Task Slack_events()
    {
        var valid = SlackHost.Fixture("event_callback.json").ToJsonString();
        await NeverAServerErrorAsync(Gen.OneOf(HostileBodies.Json(valid), HostileBodies.Json("""{"token":"t","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}""")), Json, SlackAsync("/api/slack/events"));
    }

    [Fact]
    public async Task Slack_interactions()
    {
        var postId = await Host.ReceiveAsync("Where is my parcel?", externalId: "slack-hostile");
        var click = SlackHost.Fixture("block_actions.json");
        click["actions"]![0]!["value"] = postId;
        var submission = SlackHost.Fixture("view_submission.json").ToJsonString();
        await NeverAServerErrorAsync(Gen.OneOf(HostileBodies.FormWithJson("payload", click.ToJsonString()), HostileBodies.FormWithJson("payload", submission)), Form, SlackAsync("/api/slack/interactions"));
    }

    [Fact]
    public async Task Slack_commands()
    {
        var valid = new Dictionary<string, string>
        {
            ["token"] = "legacy", ["team_id"] = "T0TEAM", ["channel_id"] = "C0SUPPORT", ["user_id"] = "U0ALICE", ["user_name"] = "alice",
            ["command"] = "/replies", ["text"] = "queue support", ["response_url"] = "https://hooks.slack.com/commands/1/2/3", ["trigger_id"] = "1.2.3",
        };
        await NeverAServerErrorAsync(HostileBodies.Form(valid), Form, SlackAsync("/api/slack/commands"));
    }

    [Fact]
    public async Task Teams_messages()
    {
        var postId = await Host.ReceiveAsync("Where is my parcel?", externalId: "teams-hostile");
        var message = service.Activities.Activity("channel-message", "alice", new Dictionary<string, string> { ["text"] = "queue support" });
        var click = service.Activities.Activity("invoke-action-execute", "alice", new Dictionary<string, string> { ["verb"] = "Claim" }, new JsonObject { ["postId"] = postId, ["action"] = "Claim" });
        var search = service.Activities.Activity("invoke-compose-extension-query", "alice");
        // serviceUrl and channelId are what the token vouches for: kept, so the rest reaches the parser.
        string[] vouched = ["serviceUrl", "channelId"];
        await NeverAServerErrorAsync(Gen.OneOf(HostileBodies.Json(message, vouched), HostileBodies.Json(click, vouched), HostileBodies.Json(search, vouched)), Json, async (body, type) =>
        {
            var status = await service.SendAsync("/api/messages", body, type, ("Authorization", "Bearer " + service.Teams.Token(Host.Time.GetUtcNow())));
            // Bot Framework: an invoke the bot does not implement is answered 501 (botbuilder ActivityHandler.OnInvokeActivityAsync):
            // the protocol's answer to a name we do not know, not a failure of ours.
            var text = Encoding.UTF8.GetString(body);
            var ours = text.Contains("\"name\":\"adaptiveCard/action\"", StringComparison.Ordinal) || text.Contains("\"name\":\"composeExtension/query\"", StringComparison.Ordinal);
            return status == 501 && !ours ? 400 : status;
        });
    }

    [Fact]
    public async Task Answers_api()
    {
        const string answer = """{"title":"Parcel tracking","body":"Hi {customer.name}, follow your parcel at {post.url}.","tags":["parcel","tracking"],"queues":["support"],"sources":["x"],"language":"en","legal":false}""";
        const string import = """[{"id":"hostile-import","title":"Refunds","body":"Hi {customer.name}, your refund is on its way.","tags":["refund"],"status":"draft"}]""";
        var bearer = ("Authorization", "Bearer " + HostileService.ApiKey);
        await NeverAServerErrorAsync(Gen.Select(Gen.OneOf(HostileBodies.Json(answer), HostileBodies.Json(import)), Gen.Int[0, 2]).Select((body, route) => (body, route)), Json, async (pair, type) =>
        {
            var (body, route) = pair;
            var path = route switch { 0 => "/api/answers", 1 => "/api/answers/import", _ => "/api/answers/proposals" };
            return await service.SendAsync(path, body, type, bearer);
        });
    }

    [Fact]
    public async Task Answers_api_on_an_answer()
    {
        const string edit = """{"version":1,"title":"Parcel tracking","body":"Hi {customer.name}, follow your parcel at {post.url}.","tags":["parcel"],"queues":["support"],"sources":["x"],"language":"en","legal":false}""";
        var bearer = ("Authorization", "Bearer " + HostileService.ApiKey);
        var curation = Host.Service<LibraryCuration>();
        var dan = TestConfig.Person("dan");
        // The edit's body for all three: an approval or retirement reads its version and ignores the rest.
        await NeverAServerErrorAsync(Gen.Select(HostileBodies.Json(edit), Gen.Int[0, 2]).Select((body, route) => (body, route)), Json, async (pair, type) =>
        {
            // A fresh draft for each body, written by someone else than the key's holder, who may then edit, approve or retire it.
            var created = await curation.CreateAsync(dan, new AnswerDocument { Title = $"Parcel tracking {Guid.NewGuid():N}", Body = "Hi {customer.name}, your parcel is on its way.", Tags = ["parcel"] });
            var id = Uri.EscapeDataString(created.Answer?.Id ?? throw new InvalidOperationException($"The draft was not created: {created.Outcome} {created.Message}"));
            var (method, path) = pair.route switch
            {
                0 => (HttpMethod.Put, $"/api/answers/{id}"),
                1 => (HttpMethod.Post, $"/api/answers/{id}/approval"),
                _ => (HttpMethod.Post, $"/api/answers/{id}/retirement"),
            };
            return await service.SendAsync(method, path, pair.body, type, bearer);
        });
    }

    [Fact]
    public async Task Library_import_form()
    {
        var dan = new ConsoleSession(service.Browser());
        var token = ConsoleSession.FormToken(await dan.SignInAsync("dan"));
        const string import = """[{"id":"hostile-form-import","title":"Refunds","body":"Hi {customer.name}, your refund is on its way.","tags":["refund"],"status":"draft"}]""";
        var csv = Encoding.UTF8.GetBytes("id,title,body,tags,status\nhostile-csv,Refunds,\"Hi {customer.name}, your refund is on its way.\",refund,draft\n");
        var files = Gen.OneOf(HostileBodies.Json(import).Select(b => (Bytes: b, Name: "answers.json")), HostileBodies.TextFile(csv).Select(b => (Bytes: b, Name: "answers.csv")));
        await NeverAServerErrorAsync(files, "multipart/form-data", async (file, _) =>
        {
            // A file as a browser uploads it, in dan's signed-in session with a valid form token: the file is what is hostile.
            using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new ByteArrayContent(file.Bytes), "file", file.Name } };
            using var response = await dan.Client.PostAsync("/console/library/import", form);
            return (int)response.StatusCode;
        });
    }

    [Fact]
    public async Task Console_forms()
    {
        var postId = await Host.ReceiveAsync("Where is my parcel?", externalId: "console-hostile");
        var alice = new ConsoleSession(service.Browser());
        var aliceToken = ConsoleSession.FormToken(await alice.SignInAsync("alice"));
        var dan = new ConsoleSession(service.Browser());
        var danToken = ConsoleSession.FormToken(await dan.SignInAsync("dan"));
        var returnTo = $"/console/posts/{postId}";
        Dictionary<string, string> Signed(string token, params (string Name, string Value)[] fields) =>
            new[] { ("__RequestVerificationToken", token) }.Concat(fields).ToDictionary(f => f.Item1, f => f.Item2);

        // Every form of the console, sent in the signed-in session of someone who may use it.
        (string Path, ConsoleSession Who, string Token, Dictionary<string, string> Form)[] forms =
        [
            ($"/console/posts/{postId}/actions", alice, aliceToken, Signed(aliceToken, ("returnTo", returnTo), ("action", "SubmitDraft"), ("text", "Hi Ana, it is on its way."), ("comment", "because"), ("assignTo", "bob"))),
            ($"/console/posts/{postId}/draft", alice, aliceToken, Signed(aliceToken, ("returnTo", returnTo), ("text", "Hi Ana, it is on"))),
            ($"/console/posts/{postId}/check", alice, aliceToken, Signed(aliceToken, ("returnTo", returnTo), ("text", "Hi Ana, it is on its way."))),
            ($"/console/posts/{postId}/findings", alice, aliceToken, Signed(aliceToken, ("text", "Hi Ana, it is on its way."))),
            ("/console/bulk", dan, danToken, Signed(danToken, ("returnTo", "/console"), ("bulkAction", "Reassign"), ("posts", postId), ("assignTo", "bob"))),
            ("/console/library", dan, danToken, Signed(danToken, ("title", "Parcel tracking"), ("body", "Hi {customer.name}, follow your parcel."), ("tags", "parcel, tracking"), ("queues", "support"), ("language", "en"))),
        ];

        // The antiforgery token stays valid (a hostile token is refused before anything is read); returnTo is the console engineer's part.
        bool Keeps(byte[] form, string name, string? value) => value is null || HostileService.AsRead(form).GetValueOrDefault(name) == value;
        await NeverAServerErrorAsync(
            Gen.OneOf(forms.Select((f, i) => HostileBodies.Form(f.Form)
                .Where(body => Keeps(body, "__RequestVerificationToken", f.Token) && Keeps(body, "returnTo", f.Form.GetValueOrDefault("returnTo")))
                .Select(body => (body, i))).ToArray()),
            Form,
            async (pair, type) =>
            {
                var (body, i) = pair;
                using var request = new HttpRequestMessage(HttpMethod.Post, forms[i].Path) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(type ?? "application/x-www-form-urlencoded");
                using var response = await forms[i].Who.Client.SendAsync(request);
                return (int)response.StatusCode;
            });
    }

    private Func<byte[], string?, Task<int>> SlackAsync(string path) => async (body, type) =>
    {
        var timestamp = Now.ToString(CultureInfo.InvariantCulture);
        return await service.SendAsync(path, body, type, (SlackSignature.TimestampHeader, timestamp), (SlackSignature.SignatureHeader, SlackSignature.Sign(HostileService.SlackSecret, timestamp, body)));
    };

    /// <summary>Sends every sample with a content type that is usually right; fails with each that got a 5xx.</summary>
    private async Task NeverAServerErrorAsync<T>(Gen<T> bodies, string rightType, Func<T, string?, Task<int>> send)
    {
        var serverErrors = new ConcurrentBag<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        Host.Errors.Entries.Clear();
        service.Refusals.Clear();
        var type = Gen.Frequency((3, Gen.Const<string?>(rightType)), (1, HostileBodies.ContentType));
        await Gen.Select(bodies, type).SampleAsync(
            async (body, contentType) =>
            {
                var status = await send(body, contentType);
                statuses.AddOrUpdate(status, 1, (_, count) => count + 1);
                if (status >= 500)
                {
                    serverErrors.Add($"HTTP {status} for {Describe(body)}");
                }
            },
            iter: Samples,
            threads: 2);

        // Every body is signed as the platform signs and sent where it belongs: one refused at verification
        // or routing would test the verifier or the router, not the parser.
        var answered = string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} ×{s.Value}"));
        Assert.False(statuses.Keys.Any(s => s is 401 or 403 or 404 or 405), "Some bodies never reached the parser: " + answered + "\n" + string.Join("\n", service.Refusals.Take(3)));
        Assert.True(serverErrors.IsEmpty, string.Join("\n", serverErrors.Take(5)) + "\nThe service logged:\n" + string.Join("\n---\n", Host.Errors.Entries.Take(2)));
        await service.AssertIntactAsync();
    }

    private static string Describe<T>(T body)
    {
        var bytes = body switch
        {
            byte[] b => b,
            ValueTuple<byte[], int> p => p.Item1,
            ValueTuple<byte[], string> p => p.Item1,
            _ => [],
        };
        var text = Encoding.UTF8.GetString(bytes);
        return text.Length > 300 ? text[..300] + $"… ({bytes.Length} bytes)" : text;
    }
}
