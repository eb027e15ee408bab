using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsReply.Crises;
using ChatOpsReply.Library.Model;
using ChatOpsReply.Posts;
using ChatOpsReply.Slack;
using ChatOpsReply.Tests.Library;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Crises;

/// <summary>
/// A declared crisis's holding statement from Slack, end to end: chosen on the alert, approved by someone else, sent to
/// each post of the crisis on its own platform (fakes of X, Twilio and Meta on 127.0.0.1) within that platform's rules,
/// to a post that joins later too, and kept in each post's history when the crisis is resolved.
/// </summary>
public sealed class HoldingStatementTests : IAsyncLifetime
{
    private const string Holding = "Hi {customer.name}, we know the app is down and are working on it. We will write again here as soon as it is back.";

    private FakePlatform _x = null!;
    private FakePlatform _twilio = null!;
    private FakePlatform _meta = null!;
    private SlackHost _slack = null!;
    private SpikeStream _stream = null!;

    public async Task InitializeAsync()
    {
        var ids = 1445880548472329000L;
        // X: a created post answers 201 {data{id, text}}, docs.x.com/x-api/posts/manage-tweets/api-reference/post-tweets
        _x = await FakePlatform.StartAsync(call => (201, new JsonObject { ["data"] = new JsonObject { ["id"] = $"{Interlocked.Increment(ref ids)}", ["text"] = call.Json["text"]!.GetValue<string>() } }.ToJsonString()));
        // Twilio: a created message answers 201 with its sid and status "queued", twilio.com/docs/messaging/api/message-resource
        _twilio = await FakePlatform.StartAsync(_ => (201, JsonSerializer.Serialize(new { sid = $"SM{Interlocked.Increment(ref ids):D32}", status = "queued" })));
        // Meta: a comment reply answers 200 {id}, developers.facebook.com/docs/graph-api/reference/object/comments
        _meta = await FakePlatform.StartAsync(_ => (200, new JsonObject { ["id"] = $"reply_{Interlocked.Increment(ref ids)}" }.ToJsonString()));
        _slack = await SlackHost.StartAsync(new Dictionary<string, string?>
        {
            [$"{SpikeOptions.Section}:MinimumPosts"] = "10",
            ["Sources:X:ConsumerKey"] = XHost.ConsumerKey,
            ["Sources:X:ConsumerSecret"] = XHost.ConsumerSecret,
            ["Sources:X:AccessToken"] = XHost.AccessToken,
            ["Sources:X:AccessTokenSecret"] = XHost.AccessTokenSecret,
            ["Sources:X:AccountId"] = XHost.AccountId,
            ["Sources:X:ApiBaseUrl"] = _x.Url,
            ["Sources:Twilio:AccountSid"] = TwilioHost.AccountSid,
            ["Sources:Twilio:AuthToken"] = TwilioHost.AuthToken,
            ["Sources:Twilio:From"] = TwilioHost.OurNumber,
            ["Sources:Twilio:PublicUrl"] = TwilioHost.PublicUrl,
            ["Sources:Twilio:ApiBaseUrl"] = _twilio.Url,
            ["Sources:Meta:AppSecret"] = "test-meta-app-secret",
            ["Sources:Meta:VerifyToken"] = "test-meta-verify-token",
            ["Sources:Meta:PageAccessToken"] = "test-meta-page-token",
            ["Sources:Meta:GraphBaseUrl"] = _meta.Url,
            // Someone of the crisis team who is also legal: the four-eyes rule, not the role, must stop them approving their own choice.
            ["Accountability:People:9:Id"] = "kim",
            ["Accountability:People:9:Name"] = "Kim Lee",
            ["Accountability:People:9:Roles:0"] = "crisis",
            ["Accountability:People:9:Roles:1"] = "legal",
            ["Accountability:People:9:SlackUserId"] = "U0KIM",
        });
        _stream = new SpikeStream(_slack);
        await _stream.SeedPastWeeksAsync([.. SpikeStream.Deliveries, .. SpikeStream.Outages]);
    }

    public async Task DisposeAsync()
    {
        await _slack.DisposeAsync();
        await _x.DisposeAsync();
        await _twilio.DisposeAsync();
        await _meta.DisposeAsync();
    }

    [Fact]
    public async Task Declare_choose_approve_by_another_send_once_to_each_post_on_its_own_channel_and_resolve()
    {
        var host = _slack.Host;
        await host.ApprovedAnswerAsync(new AnswerDocument { Id = "outage-holding", Title = "App outage, holding line", Body = Holding, CrisisSafe = true });
        await host.ApprovedAnswerAsync(new AnswerDocument { Id = "cheerful", Title = "Thanks for reaching out", Body = "Hi {customer.name}, thanks so much for reaching out to us today!" });
        for (var minute = 0; minute < 3; minute++)
        {
            await _stream.MinuteAsync((SpikeStream.Outages, 10 * SpikeStream.UsualPerMinute), (SpikeStream.Deliveries, SpikeStream.UsualPerMinute));
        }

        // The customers this test follows, one per platform; Ben agreed to texts on a call, Cleo never did.
        var ana = await host.ReceiveAsync("@AcmeHelp your app is down, outage everywhere", source: "x", externalId: "mention:1445880548472328001", handle: "@ana_lopez", displayName: "Ana Lopez");
        var ben = await host.ReceiveAsync("App down again! Outage since breakfast", source: "sms", externalId: "SM-ben-1", handle: TwilioHost.Customer, displayName: "Ben Carter");
        var cleo = await host.ReceiveAsync("Total outage: the app is down for me", source: "sms", externalId: "SM-cleo-1", handle: "+447700900456", displayName: "Cleo Diaz");
        var dora = await host.ReceiveAsync("Your app is down, outage everywhere", source: "facebook", externalId: "comment:111_222", threadId: "comments:111_1:3456", handle: "3456", displayName: "Dora Evans");
        Assert.True((await host.ActAsync(ben, PostTrigger.RecordConsent, "carol", new ConsentInput(null) { Comment = "Agreed to texts on a call" })).Succeeded);
        await _slack.DeliverAllAsync();
        var alert = Assert.Single(_stream.Alerts());

        // Declared from the alert, as the crisis team does.
        await _slack.InteractAsync(SpikeStream.Click(SpikeStream.ValueOf(alert, SpikeAlerts.DeclareCrisisAction), "U0SAM", SpikeAlerts.DeclareCrisisAction));
        await _slack.SubmitAsync((JsonObject)(await _slack.Slack.WaitForAsync("views.open")).Args["view"]!, "U0SAM", new Dictionary<string, string>(), viewId: "V0CRISIS1");
        await _slack.Slack.WaitForAsync("chat.postEphemeral", c => c.Arg("user") == "U0SAM" && c.Arg("text").StartsWith("Crisis declared", StringComparison.Ordinal), timeoutMs: 30_000);
        Assert.All(new[] { ana, ben, cleo, dora }, id => Assert.Equal(PostState.Crisis, host.PostAsync(id).Result.State));
        await _slack.DeliverAllAsync();
        var shown = _stream.Shown(alert);
        var crisisId = SpikeStream.ValueOf(shown, SlackHoldingStatements.ChooseAction);

        // Frontline staff may not choose one.
        await _slack.InteractAsync(SpikeStream.Click(crisisId, "U0ALICE", SlackHoldingStatements.ChooseAction));
        Assert.Equal(SpikeAlerts.NotYoursText, (await _slack.Slack.WaitForAsync("chat.postEphemeral", c => c.Arg("user") == "U0ALICE")).Arg("text"));

        // Kim chooses from the crisis-safe answers only, each previewed for one of the crisis's customers.
        await _slack.InteractAsync(SpikeStream.Click(crisisId, "U0KIM", SlackHoldingStatements.ChooseAction));
        var modal = (JsonObject)(await _slack.Slack.WaitForAsync("views.open", c => ((JsonObject)c.Args["view"]!)["callback_id"]!.GetValue<string>() == SlackHoldingStatements.ChooseCallbackId)).Args["view"]!;
        var options = modal["blocks"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "input")!["element"]!["options"]!.AsArray().Select(o => o!["value"]!.GetValue<string>());
        Assert.Equal(["outage-holding"], options);
        Assert.Contains(modal["blocks"]!.AsArray(), b => b!["text"]?["text"]?.GetValue<string>().Contains("we know the app is down", StringComparison.Ordinal) == true);

        // Nothing chosen: the modal stays open naming the field, and nothing is recorded.
        using (var none = await _slack.SubmitAsync(modal, "U0KIM", new Dictionary<string, string>(), viewId: "V0HOLD1"))
        {
            var errors = JsonNode.Parse(await none.Content.ReadAsStringAsync())!;
            Assert.Equal("errors", errors["response_action"]!.GetValue<string>());
            Assert.StartsWith("Answer:", errors["errors"]![SlackHoldingStatements.AnswerBlock]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.Null((await host.Service<ICrisisStore>().GetAsync(crisisId))!.Holding);
        await _slack.SubmitAsync(modal, "U0KIM", new Dictionary<string, string> { [SlackHoldingStatements.AnswerBlock] = "outage-holding" }, viewId: "V0HOLD2");
        Assert.StartsWith("Holding statement \"App outage, holding line\" chosen: it waits for legal's approval", (await _slack.Slack.WaitForAsync("chat.postEphemeral", c => c.Arg("user") == "U0KIM")).Arg("text"), StringComparison.Ordinal);

        // The approvers are asked in the crisis room, Kim (who chose it) not among them.
        var request = await _slack.Slack.WaitForAsync("chat.postMessage", c => c.Arg("channel") == SpikeStream.CrisisRoom && c.Arg("text").Contains("approve a holding statement", StringComparison.Ordinal));
        var asked = SpikeStream.Blocks(request)[0];
        Assert.Contains("<@U0LENA>", asked, StringComparison.Ordinal);
        Assert.DoesNotContain("<@U0KIM>", asked, StringComparison.Ordinal);
        var approve = SpikeStream.ValueOf(request, SlackHoldingStatements.ApproveAction);

        // Kim may approve replies, but not what Kim chose; Sam is not legal at all. Nothing is sent for either.
        await _slack.InteractAsync(SpikeStream.Click(approve, "U0KIM", SlackHoldingStatements.ApproveAction));
        Assert.Equal("You chose this holding statement, so someone else must approve it (four eyes).", (await _slack.Slack.WaitForAsync("chat.postEphemeral", c => c.Arg("user") == "U0KIM" && c.Arg("text").StartsWith("You chose", StringComparison.Ordinal))).Arg("text"));
        await _slack.InteractAsync(SpikeStream.Click(approve, "U0SAM", SlackHoldingStatements.ApproveAction));
        Assert.Equal("Only legal can approve a crisis's holding statement.", (await _slack.Slack.WaitForAsync("chat.postEphemeral", c => c.Arg("user") == "U0SAM" && c.Arg("text").StartsWith("Only legal", StringComparison.Ordinal))).Arg("text"));
        Assert.Equal(HoldingStatus.Proposed, (await host.Service<ICrisisStore>().GetAsync(crisisId))!.Holding!.Status);

        // Lena approves: every post of the crisis gets it, but Cleo, who never agreed to texts.
        await _slack.InteractAsync(SpikeStream.Click(approve, "U0LENA", SlackHoldingStatements.ApproveAction));
        var approved = (await _slack.Slack.WaitForAsync("chat.postEphemeral", c => c.Arg("user") == "U0LENA" && c.Arg("text").StartsWith("Holding statement", StringComparison.Ordinal), timeoutMs: 30_000)).Arg("text");
        var inCrisis = (await host.Service<IPostStore>().ListAsync(new PostQuery { States = [PostState.Crisis], Limit = 1000 })).Where(p => p.CrisisId == crisisId).ToList();
        Assert.StartsWith($"Holding statement \"App outage, holding line\" approved. On its way to {inCrisis.Count - 1} posts, each on its own channel. 1 post not sent:", approved, StringComparison.Ordinal);
        Assert.Contains("• Cleo Diaz (+447700900456) on SMS: Cleo has not opted in to text messages: reply another way.", approved, StringComparison.Ordinal);

        await _slack.DeliverAllAsync();
        var toAna = Assert.Single(_x.Calls, c => c.Body.Contains("1445880548472328001", StringComparison.Ordinal));
        Assert.Equal(Holding.Replace("{customer.name}", "Ana", StringComparison.Ordinal), toAna.Json["text"]!.GetValue<string>());
        var toBen = Assert.Single(_twilio.Calls, c => c.Form.GetValueOrDefault("To") == TwilioHost.Customer);
        Assert.Equal(Holding.Replace("{customer.name}", "Ben", StringComparison.Ordinal), toBen.Form["Body"]);
        Assert.DoesNotContain(_twilio.Calls, c => c.Form.GetValueOrDefault("To") == "+447700900456");
        var toDora = Assert.Single(_meta.Calls, c => c.Path.Contains("comment%3A111_222", StringComparison.Ordinal) || c.Path.Contains("111_222/comments", StringComparison.Ordinal));
        Assert.Equal(Holding.Replace("{customer.name}", "Dora", StringComparison.Ordinal), toDora.Json["message"]!.GetValue<string>());

        // Each by its own audited command; the posts stay in Crisis for the team to answer properly.
        var audit = host.Service<IAuditTrail>();
        foreach (var id in new[] { ana, ben, dora })
        {
            var post = await host.PostAsync(id);
            Assert.Equal(PostState.Crisis, post.State);
            Assert.Equal(crisisId, Assert.Single(post.Replies).HoldingFor);
            Assert.Contains("chosen by Kim Lee, approved by Lena Fischer", Assert.Single(await audit.ForPostAsync(id), e => e.Action == AuditAction.SendHoldingStatement).Detail, StringComparison.Ordinal);
        }

        var withheld = Assert.Single(await audit.ForPostAsync(cleo), e => e.Action == AuditAction.SendHoldingStatement);
        Assert.Contains("not sent: Cleo has not opted in to text messages", withheld.Detail, StringComparison.Ordinal);
        Assert.Empty((await host.PostAsync(cleo)).Replies);

        // Ana's card shows the statement as such, not as an answer of its own.
        var card = host.Service<PostCardBuilder>().Build(await host.PostAsync(ana), TestConfig.Person("sam"));
        Assert.Contains(card.Facts, f => f.Label == "Holding statement" && f.Value.StartsWith("Kim Lee: Hi Ana,", StringComparison.Ordinal));

        // Approving again (a second click, a copy of the request) sends nothing more.
        await _slack.InteractAsync(SpikeStream.Click(approve, "U0LOU", SlackHoldingStatements.ApproveAction));
        Assert.Contains("Lena Fischer approved it at", (await _slack.Slack.WaitForAsync("chat.postEphemeral", c => c.Arg("user") == "U0LOU")).Arg("text"), StringComparison.Ordinal);

        // The alert says how it went.
        shown = _stream.Shown(alert);
        var said = string.Join("\n", SpikeStream.Blocks(shown));
        Assert.Contains("Kim Lee chose \"App outage, holding line\" as the holding statement", said, StringComparison.Ordinal);
        Assert.Contains($"On its way to {inCrisis.Count - 1} posts", said, StringComparison.Ordinal);
        Assert.DoesNotContain(SlackHoldingStatements.ChooseAction, SpikeStream.Buttons(shown));

        // A post that joins after the approval gets it on arrival, once.
        var eve = await host.ReceiveAsync("@AcmeHelp app down, outage for an hour now", source: "x", externalId: "mention:1445880548472328002", handle: "@eve_fox", displayName: "Eve Fox");
        await Until.TrueAsync(async () => (await host.PostAsync(eve)).Replies.Count == 1, TimeSpan.FromSeconds(15), "the joining post gets the holding statement");
        await _slack.DeliverAllAsync();
        Assert.Equal(Holding.Replace("{customer.name}", "Eve", StringComparison.Ordinal), Assert.Single(_x.Calls, c => c.Body.Contains("1445880548472328002", StringComparison.Ordinal)).Json["text"]!.GetValue<string>());
        Assert.Single(_x.Calls, c => c.Body.Contains("1445880548472328001", StringComparison.Ordinal));

        // Resolved, the posts go back to their queue; the holding reply stays in each one's history.
        await _slack.InteractAsync(SpikeStream.Click(crisisId, "U0SAM", SpikeAlerts.ResolveCrisisAction));
        await _slack.Slack.WaitForAsync("chat.postEphemeral", c => c.Arg("user") == "U0SAM" && c.Arg("text").StartsWith("Crisis resolved", StringComparison.Ordinal), timeoutMs: 30_000);
        foreach (var id in new[] { ana, ben, dora, eve })
        {
            var post = await host.PostAsync(id);
            Assert.Equal((PostState.Open, (string?)null), (post.State, post.CrisisId));
            Assert.Equal(crisisId, Assert.Single(post.Replies).HoldingFor);
        }
    }
}
