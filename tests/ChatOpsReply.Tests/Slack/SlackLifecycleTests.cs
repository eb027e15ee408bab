using System.Net;
using System.Text.Json.Nodes;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsReply.Tests.Slack;

/// <summary>
/// A post's whole life worked from Slack: signed clicks and modal submissions into the real
/// endpoints, everything the service says back read from what the fake Slack recorded.
/// </summary>
public sealed class SlackLifecycleTests : IAsyncLifetime
{
    private SlackHost _slack = null!;

    private FakeSlack Fake => _slack.Slack;

    /// <summary>The customer's channel: it takes every reply, so a sent card can say it reached the customer.</summary>
    private readonly AcceptingReplySender _customer = new();

    public async Task InitializeAsync() => _slack = await SlackHost.StartAsync(services: s => s.AddSingleton<ChatOpsReply.Delivery.IReplySender>(_customer));

    public async Task DisposeAsync() => await _slack.DisposeAsync();

    [Fact]
    public async Task A_sensitive_post_is_claimed_drafted_approved_and_sent_from_slack_with_one_card_updated_in_place()
    {
        var postId = await _slack.Host.ReceiveAsync("Your product burned my hand. My lawyer will be in touch.");
        await _slack.DeliverAllAsync();

        var posted = Assert.Single(Fake.Of("chat.postMessage"));
        Assert.Equal("C0SUPPORT", posted.Arg("channel"));
        Assert.Equal($"Bearer {SlackHost.BotToken}", posted.Authorization);
        Assert.Contains("Sensitive: legal", posted.VisibleText, StringComparison.Ordinal);
        Assert.Equal(["Claim", "Reassign", "Escalate", "Dismiss", "DeclareCrisis"], Buttons(posted));

        _slack.Host.Time.Advance(TimeSpan.FromMinutes(2));
        await AssertAcknowledgedEmptyAsync(await _slack.ClickAsync(postId, "Claim", "U0ALICE"));
        Assert.Equal(PostState.Claimed, (await _slack.Host.PostAsync(postId)).State);
        await _slack.DeliverAllAsync();

        var claimed = await _slack.LastCardAsync(postId);
        Assert.Equal("chat.update", claimed.Method);
        Assert.Equal(posted.Answer!["ts"]!.GetValue<string>(), claimed.Arg("ts"));
        Assert.Contains("Claimed", claimed.VisibleText, StringComparison.Ordinal);
        Assert.Contains("Alice Martin", claimed.VisibleText, StringComparison.Ordinal);
        var note = Assert.Single(Fake.Of("chat.postMessage"), c => c.Arg("thread_ts") != "");
        Assert.Equal(posted.Answer!["ts"]!.GetValue<string>(), note.Arg("thread_ts"));
        Assert.Equal("Alice Martin claimed this · 2 min after it arrived", note.Arg("text"));

        // Drafting opens a modal with the reply text, checked live, submitted for approval.
        await AssertAcknowledgedEmptyAsync(await _slack.ClickAsync(postId, "SubmitDraft", "U0ALICE"));
        var modal = (await Fake.WaitForAsync("views.open")).Args["view"]!.AsObject();
        Assert.Equal("Submit for approval", modal["submit"]!["text"]!.GetValue<string>());
        var textInput = Input(modal, CommandInputFields.Text);
        Assert.True(textInput["dispatch_action"]!.GetValue<bool>());
        Assert.Equal("Hi Ana, ", textInput["element"]!["initial_value"]!.GetValue<string>());

        const string reply = "Hi Ana, I am so sorry. Please send us a direct message with your order number so we can help right away.";
        await AssertAcknowledgedEmptyAsync(await _slack.SubmitAsync(modal, "U0ALICE", new Dictionary<string, string> { ["text"] = reply }));
        Assert.Equal(PostState.AwaitingApproval, (await _slack.Host.PostAsync(postId)).State);
        await _slack.DeliverAllAsync();

        var approval = Assert.Single(Fake.Of("chat.postMessage"), c => c.Arg("channel") == "C0LEGAL");
        Assert.StartsWith(":lock: <@U0LENA> <@U0LOU>", FirstText(approval), StringComparison.Ordinal);
        Assert.Equal(["Approve", "RequestChanges"], Buttons(approval));
        Assert.Contains(reply, approval.VisibleText, StringComparison.Ordinal);

        // Legal approves in the legal channel: both messages change, and the drafter hears it.
        await AssertAcknowledgedEmptyAsync(await _slack.ClickAsync(postId, "Approve", "U0LENA", channel: "C0LEGAL"));
        await _slack.DeliverAllAsync();
        var approvedCard = await _slack.LastCardAsync(postId);
        Assert.Contains("approved by Lena Fischer", approvedCard.VisibleText, StringComparison.Ordinal);
        Assert.Equal(["SubmitDraft", "Send", "Release", "Reassign", "Dismiss", "DeclareCrisis"], Buttons(approvedCard));
        var approvalNow = Fake.Of("chat.update").Last(c => c.Arg("ts") == approval.Answer!["ts"]!.GetValue<string>());
        Assert.Empty(Buttons(approvalNow));
        Assert.Contains("approved by Lena Fischer", approvalNow.VisibleText, StringComparison.Ordinal);
        Assert.Contains(Fake.Of("chat.postMessage"), c => c.Arg("thread_ts") == posted.Answer!["ts"]!.GetValue<string>()
            && c.Arg("text") == "<@U0ALICE> Lena Fischer approved your reply: you can send it.");

        await AssertAcknowledgedEmptyAsync(await _slack.ClickAsync(postId, "Send", "U0ALICE"));
        await _slack.DeliverAllAsync();
        var sent = await _slack.LastCardAsync(postId);
        Assert.Contains("Answered", sent.VisibleText, StringComparison.Ordinal);
        Assert.Equal(PostState.Sent, (await _slack.Host.PostAsync(postId)).State);

        var trail = await _slack.Host.Service<IAuditTrail>().ForPostAsync(postId);
        Assert.Equal([AuditAction.Received, AuditAction.Claim, AuditAction.SubmitDraft, AuditAction.Approve, AuditAction.Send, AuditAction.DeliveryReported], trail.Select(e => e.Action));
        Assert.All(trail.Skip(1).SkipLast(1), e => Assert.Equal("slack", e.Surface));
        Assert.Equal("delivery", trail[^1].Surface);
        Assert.Single(Fake.Of("chat.postMessage"), c => c.Arg("channel") == "C0SUPPORT" && c.Arg("thread_ts") == "");
        Assert.Empty(Fake.Of("chat.postEphemeral"));
    }

    [Fact]
    public async Task Customer_text_cannot_ping_people_hide_links_or_format_on_the_card()
    {
        const string hostile = "<!channel> <@U0DAN> look <https://evil.example/|your invoice> *now* & _quickly_";
        var postId = await _slack.Host.ReceiveAsync(hostile, displayName: "<!here> Mallory");
        await _slack.DeliverAllAsync();

        var card = await _slack.LastCardAsync(postId);
        Assert.DoesNotContain("<!channel>", card.Arg("text"), StringComparison.Ordinal);
        Assert.Contains("&lt;!channel&gt; &lt;@U0DAN&gt; look &lt;https://evil.example/|your invoice&gt;", card.Arg("text"), StringComparison.Ordinal);
        var mrkdwn = TextObjects(card.Args["blocks"]).Where(t => t["type"]!.GetValue<string>() == "mrkdwn").Select(t => t["text"]!.GetValue<string>()).ToList();
        Assert.All(mrkdwn, text =>
        {
            Assert.DoesNotContain("<!", text, StringComparison.Ordinal);
            Assert.DoesNotContain("<@", text, StringComparison.Ordinal);
            Assert.DoesNotContain("<https://evil", text, StringComparison.Ordinal);
        });
        // The words themselves are shown exactly, in a plain_text object Slack does not parse.
        Assert.Contains(TextObjects(card.Args["blocks"]), t => t["type"]!.GetValue<string>() == "plain_text" && t["text"]!.GetValue<string>() == hostile);
    }

    [Fact]
    public async Task A_second_claim_is_refused_to_that_person_alone_with_the_owners_name()
    {
        var postId = await _slack.Host.ReceiveAsync("Where is my parcel?");
        await AssertAcknowledgedEmptyAsync(await _slack.ClickAsync(postId, "Claim", "U0BOB"));
        await AssertAcknowledgedEmptyAsync(await _slack.ClickAsync(postId, "Claim", "U0ALICE"));

        var refusal = await Fake.WaitForAsync("chat.postEphemeral");
        Assert.Equal("U0ALICE", refusal.Arg("user"));
        Assert.Equal("C0SUPPORT", refusal.Arg("channel"));
        Assert.Equal("Bob Okafor already claimed this post.", refusal.Arg("text"));
        Assert.Equal("bob", (await _slack.Host.PostAsync(postId)).Owner);
    }

    [Fact]
    public async Task A_redelivered_click_is_applied_once()
    {
        var postId = await _slack.Host.ReceiveAsync("Where is my parcel?");
        await _slack.ClickAsync(postId, "Claim", "U0ALICE", actionTs: "1700000500.000001");
        await _slack.ClickAsync(postId, "Release", "U0ALICE", actionTs: "1700000500.000002");
        await AssertAcknowledgedEmptyAsync(await _slack.ClickAsync(postId, "Claim", "U0ALICE", actionTs: "1700000500.000001"));

        var trail = await _slack.Host.Service<IAuditTrail>().ForPostAsync(postId);
        Assert.Equal([AuditAction.Received, AuditAction.Claim, AuditAction.Release], trail.Select(e => e.Action));
        Assert.Equal(PostState.Open, (await _slack.Host.PostAsync(postId)).State);
    }

    [Fact]
    public async Task A_click_by_someone_outside_the_chain_is_explained_not_applied()
    {
        var postId = await _slack.Host.ReceiveAsync("Where is my parcel?");
        await AssertAcknowledgedEmptyAsync(await _slack.ClickAsync(postId, "Dismiss", "U0OLGA"));

        var refusal = await Fake.WaitForAsync("chat.postEphemeral");
        Assert.Equal("Only people in the frontline, lead, manager or crisis tiers of Support can dismiss this post.", refusal.Arg("text"));
        Assert.Empty(Fake.Of("views.open"));
    }

    [Theory]
    [InlineData("U0NOBODY", "Claim", "ChatOpsReply does not know your Slack account (U0NOBODY).")]
    [InlineData("U0ALICE", "Frobnicate", "That button is from an older version of ChatOpsReply")]
    [InlineData("U0ALICE", "SlaBreached", "That button is from an older version of ChatOpsReply")]
    public async Task Unknown_people_and_stale_buttons_get_an_explanation_never_an_error(string user, string action, string expected)
    {
        var postId = await _slack.Host.ReceiveAsync("Where is my parcel?");
        await AssertAcknowledgedEmptyAsync(await _slack.ClickAsync(postId, action, user));

        Assert.StartsWith(expected, (await Fake.WaitForAsync("chat.postEphemeral")).Arg("text"), StringComparison.Ordinal);
        Assert.Equal(PostState.Open, (await _slack.Host.PostAsync(postId)).State);
    }

    [Fact]
    public async Task A_click_on_a_post_that_no_longer_exists_is_explained()
    {
        await AssertAcknowledgedEmptyAsync(await _slack.ClickAsync("no-such-post", "Claim", "U0ALICE"));
        Assert.Equal("That post no longer exists.", (await Fake.WaitForAsync("chat.postEphemeral")).Arg("text"));
    }

    [Fact]
    public async Task A_draft_that_breaks_the_house_rules_keeps_the_modal_open_with_the_rule_under_the_text()
    {
        var (postId, modal) = await ClaimAndOpenDraftAsync();

        using var response = await _slack.SubmitAsync(modal, "U0ALICE", new Dictionary<string, string> { ["text"] = "ok" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("errors", answer["response_action"]!.GetValue<string>());
        Assert.StartsWith("A reply of 1 word reads as curt or robotic", answer["errors"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(PostState.Claimed, (await _slack.Host.PostAsync(postId)).State);
    }

    [Fact]
    public async Task Typing_a_draft_redraws_the_modal_with_the_guideline_check()
    {
        var (postId, modal) = await ClaimAndOpenDraftAsync();

        var typing = SlackHost.Fixture("block_actions.json");
        typing["container"] = new JsonObject { ["type"] = "view", ["view_id"] = "V0DRAFT01" };
        typing["view"] = new JsonObject
        {
            ["id"] = "V0DRAFT01",
            ["hash"] = "1700000200.aBcDeF12",
            ["callback_id"] = modal["callback_id"]!.GetValue<string>(),
            ["private_metadata"] = modal["private_metadata"]!.GetValue<string>(),
        };
        typing["actions"] = new JsonArray(new JsonObject { ["type"] = "plain_text_input", ["action_id"] = "text", ["block_id"] = "text", ["value"] = "ok", ["action_ts"] = "1700000600.000001" });
        await AssertAcknowledgedEmptyAsync(await _slack.InteractAsync(typing));

        var redraw = await Fake.WaitForAsync("views.update");
        Assert.Equal("V0DRAFT01", redraw.Arg("view_id"));
        Assert.Equal("1700000200.aBcDeF12", redraw.Arg("hash"));
        var notes = redraw.Args["view"]!["blocks"]!.AsArray().Single(b => b!["block_id"]?.GetValue<string>() == "notes")!;
        Assert.StartsWith("✗", notes["elements"]![0]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(Input(modal, "text").ToJsonString(), Input(redraw.Args["view"]!.AsObject(), "text").ToJsonString());
    }

    [Fact]
    public async Task The_live_check_and_a_refusal_quote_the_words_each_finding_is_about()
    {
        var (postId, modal) = await ClaimAndOpenDraftAsync();
        const string reply = "Hi Ana, order {order.number} left our depot today.";

        await AssertAcknowledgedEmptyAsync(await _slack.TypeAsync(modal, CommandInputFields.Text, reply));

        var redraw = await Fake.WaitForAsync("views.update");
        var notes = redraw.Args["view"]!["blocks"]!.AsArray().Single(b => b!["block_id"]?.GetValue<string>() == "notes")!["elements"]!.AsArray();
        Assert.Equal("✗ Fill in {order.number} before the reply goes out. — “{order.number}”", Mrkdwn(notes[0]!["text"]!.GetValue<string>()));

        using var refused = await _slack.SubmitAsync(modal, "U0ALICE", new Dictionary<string, string> { ["text"] = reply });
        var errors = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Equal("Fill in {order.number} before the reply goes out. — “{order.number}”", errors["errors"]!["text"]!.GetValue<string>());
        Assert.Equal(PostState.Claimed, (await _slack.Host.PostAsync(postId)).State);
    }

    [Fact]
    public async Task A_lead_records_a_texting_opt_in_with_its_evidence_from_the_card_in_a_modal()
    {
        var postId = await _slack.Host.ReceiveAsync("Where is my parcel?", source: "sms", handle: "+447700900123");
        await _slack.DeliverAllAsync();
        Assert.Contains("RecordConsent", Buttons(await _slack.LastCardAsync(postId)));

        await AssertAcknowledgedEmptyAsync(await _slack.ClickAsync(postId, "RecordConsent", "U0CAROL"));
        var modal = (await Fake.WaitForAsync("views.open")).Args["view"]!.AsObject();
        await AssertAcknowledgedEmptyAsync(await _slack.SubmitAsync(modal, "U0CAROL", new Dictionary<string, string> { [CommandInputFields.Comment] = "Agreed on a call, ticket 5512" }));
        await _slack.DeliverAllAsync();

        var consent = await _slack.Host.Service<IConsentStore>().GetAsync("sms", "+447700900123");
        Assert.Equal((true, "Agreed on a call, ticket 5512 (recorded by Carol Nguyen)"), (consent!.OptedIn, consent.Evidence));
        var card = await _slack.LastCardAsync(postId);
        Assert.Contains("opted in", card.VisibleText, StringComparison.Ordinal);
        Assert.DoesNotContain("RecordConsent", Buttons(card));
        Assert.Contains(Fake.Of("chat.postMessage"), c => c.Arg("text").StartsWith("Carol Nguyen recorded Ana's opt-in to texts: Agreed on a call, ticket 5512", StringComparison.Ordinal));
        Assert.Equal((AuditAction.RecordConsent, "slack"), (await _slack.Host.Service<IAuditTrail>().ForPostAsync(postId)) is var trail ? (trail[^1].Action, trail[^1].Surface) : default);
    }

    /// <summary>A note as a person reads it: Slack shows &amp;, &lt; and &gt; as the characters they stand for.</summary>
    private static string Mrkdwn(string escaped) => escaped.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);

    [Fact]
    public async Task Handing_a_post_over_asks_whom_in_a_choice_and_applies_the_choice()
    {
        var postId = await _slack.Host.ReceiveAsync("Where is my parcel?");
        await _slack.ClickAsync(postId, "Claim", "U0ALICE");
        await _slack.ClickAsync(postId, "Reassign", "U0ALICE");
        var modal = (await Fake.WaitForAsync("views.open")).Args["view"]!.AsObject();
        var select = Input(modal, CommandInputFields.AssignTo)["element"]!;
        Assert.Equal("static_select", select["type"]!.GetValue<string>());
        Assert.Contains(select["options"]!.AsArray(), o => o!["value"]!.GetValue<string>() == "bob" && o["text"]!["text"]!.GetValue<string>() == "Bob Okafor");

        await AssertAcknowledgedEmptyAsync(await _slack.SubmitAsync(modal, "U0ALICE", new Dictionary<string, string> { ["assignTo"] = "bob" }));

        Assert.Equal("bob", (await _slack.Host.PostAsync(postId)).Owner);
        await _slack.DeliverAllAsync();
        Assert.Contains(Fake.Of("chat.postMessage"), c => c.Arg("text") == "<@U0BOB> Alice Martin handed this post to you.");
    }

    [Fact]
    public async Task A_store_outage_is_a_try_again_answer_not_a_server_error()
    {
        await using var broken = await SlackHost.StartAsync(services: FlakyPostStore.Use);
        var postId = await broken.Host.ReceiveAsync("Where is my parcel?");
        broken.Host.Service<FlakyPostStore>().Down = true;

        await AssertAcknowledgedEmptyAsync(await broken.ClickAsync(postId, "Claim", "U0ALICE"));
        Assert.Equal(CommandResult.StoreUnavailableMessage, (await broken.Slack.WaitForAsync("chat.postEphemeral")).Arg("text"));

        using var command = await broken.CommandAsync("mine");
        Assert.Equal(HttpStatusCode.OK, command.StatusCode);
        Assert.Equal(CommandResult.StoreUnavailableMessage, JsonNode.Parse(await command.Content.ReadAsStringAsync())!["text"]!.GetValue<string>());

        broken.Host.Service<FlakyPostStore>().Down = false;
        Assert.Equal(PostState.Open, (await broken.Host.PostAsync(postId)).State);
    }

    /// <summary>Alice claims a new post and clicks "Submit reply": the modal Slack was asked to open.</summary>
    private async Task<(string PostId, JsonObject Modal)> ClaimAndOpenDraftAsync()
    {
        var postId = await _slack.Host.ReceiveAsync("Where is my parcel?");
        await _slack.ClickAsync(postId, "Claim", "U0ALICE");
        await _slack.ClickAsync(postId, "SubmitDraft", "U0ALICE");
        return (postId, (await Fake.WaitForAsync("views.open")).Args["view"]!.AsObject());
    }

    private static async Task AssertAcknowledgedEmptyAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("", await response.Content.ReadAsStringAsync());
        }
    }

    internal static IReadOnlyList<string> Buttons(SlackCall call) =>
        [.. call.Args["blocks"]!.AsArray().Where(b => b!["type"]!.GetValue<string>() == "actions")
            .SelectMany(b => b!["elements"]!.AsArray()).Select(e => e!["action_id"]!.GetValue<string>())];

    private static string FirstText(SlackCall call) => call.Args["blocks"]![0]!["text"]!["text"]!.GetValue<string>();

    private static JsonObject Input(JsonObject view, string id) =>
        view["blocks"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "input" && b["block_id"]!.GetValue<string>() == id)!.AsObject();

    private static IEnumerable<JsonObject> TextObjects(JsonNode? node) =>
        JsonTree.Objects(node).Where(o => o["type"]?.GetValue<string>() is "plain_text" or "mrkdwn" && o["text"] is JsonValue);
}
