using System.Text.Json.Nodes;
using ChatOpsReply.Posts;
using ChatOpsReply.Teams;
using ChatOpsReply.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsReply.Tests.Teams;

/// <summary>
/// A post worked from start to finish in Teams: cards posted and updated through a fake connector,
/// every click a signed adaptiveCard/action invoke, every card checked by the official package.
/// </summary>
public sealed class TeamsLifecycleTests : TeamsTestBase
{
    private const string SupportChannel = "19:support@thread.tacv2";
    private const string LegalChannel = "19:legal@thread.tacv2";

    /// <summary>The customer's channel: it takes every reply, so a sent card can say it reached the customer.</summary>
    private readonly AcceptingReplySender _customer = new();

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.AddSingleton<ChatOpsReply.Delivery.IReplySender>(_customer);
    }

    [Fact]
    public async Task A_sensitive_post_goes_from_card_to_sent_reply_through_card_clicks()
    {
        var answers = new List<JsonObject>();
        var postId = await Host.ReceiveAsync("My parcel never arrived and my lawyer will hear about this.");
        await DeliverAsync();

        // The card starts a thread in the queue's channel, refreshed for the people who may act.
        var created = Assert.Single(Fake.Of("create"));
        Assert.Equal(SupportChannel, created.Channel);
        Assert.Equal(FakeBotFramework.TenantId, (string?)created.Body!["channelData"]!["tenant"]!["id"]);
        var card = created.Card!;
        Assert.Equal(["Claim", "Reassign", "Escalate", "Dismiss", "DeclareCrisis"], Buttons(card));
        var refreshFor = card["refresh"]!["userIds"]!.AsArray().Select(u => (string)u!).ToList();
        Assert.Contains(BotFrameworkSender.TeamsUserId("alice"), refreshFor);
        Assert.DoesNotContain(BotFrameworkSender.TeamsUserId("olga"), refreshFor);
        Assert.Equal(postId, (string?)card["refresh"]!["action"]!["data"]!["postId"]);

        // Alice claims: her answer is her own card, with the buttons of an owner.
        var claimed = await Teams.InvokeAsync(postId, "Claim", "alice");
        answers.Add(claimed);
        Assert.Equal((200, TeamsProtocol.CardResponseType), ((int)claimed["statusCode"]!, (string?)claimed["type"]));
        Assert.Contains("SubmitDraft", Buttons(claimed["value"]!.AsObject()));
        Assert.DoesNotContain("Claim", Buttons(claimed["value"]!.AsObject()));

        // Bob is too late: he is told who has it.
        var late = await Teams.InvokeAsync(postId, "Claim", "bob");
        answers.Add(late);
        Assert.Equal("Alice Martin already claimed this post.", Notice(late["value"]!.AsObject()));

        await DeliverAsync();
        var update = Assert.Single(Fake.Of("update"));
        Assert.Equal((created.Body!["channelData"]!["channel"]!["id"] + ";messageid=" + update.ActivityId, update.ActivityId), (update.ConversationId, update.ActivityId));
        Assert.True(Fake.Of("send").Any(c => c.Text!.StartsWith("Alice Martin claimed this", StringComparison.Ordinal) && c.ConversationId == update.ConversationId), update.ToString());

        // Alice drafts; the approval request goes to legal's channel, mentioning Lena.
        answers.Add(await Teams.InvokeAsync(postId, "SubmitDraft", "alice", new Dictionary<string, string> { ["text"] = TestPosts.GoodReply }));
        Assert.Equal(PostState.AwaitingApproval, (await Host.PostAsync(postId)).State);
        await DeliverAsync();
        var approval = Assert.Single(Fake.Of("create"), c => c.Channel == LegalChannel);
        Assert.Contains("<at>Lena Fischer</at>", approval.Text, StringComparison.Ordinal);
        Assert.Contains(approval.Body!["activity"]!["entities"]!.AsArray(), e => (string?)e!["mentioned"]!["id"] == BotFrameworkSender.TeamsUserId("lena"));

        // Lena approves from there; Alice is told and sends.
        var approved = await Teams.InvokeAsync(postId, "Approve", "lena");
        answers.Add(approved);
        Assert.Contains("Send", Buttons((await Teams.InvokeAsync(postId, "refresh", "alice", trigger: "automatic"))["value"]!.AsObject()));
        await DeliverAsync();
        Assert.Contains(Fake.Of("send"), c => c.Text!.Contains("approved your reply", StringComparison.Ordinal) && c.Body!["entities"]!.AsArray().Any(e => (string?)e!["mentioned"]!["id"] == BotFrameworkSender.TeamsUserId("alice")));
        answers.Add(await Teams.InvokeAsync(postId, "Send", "alice"));
        await DeliverAsync();

        var post = await Host.PostAsync(postId);
        Assert.Equal(PostState.Sent, post.State);
        Assert.Equal(TestPosts.GoodReply, Assert.Single(post.Replies).Text);
        var audit = await Host.Service<IAuditTrail>().ForPostAsync(postId);
        Assert.All(audit.Skip(1).SkipLast(1), e => Assert.Equal("teams", e.Surface));
        Assert.Equal((AuditAction.DeliveryReported, "delivery"), (audit[^1].Action, audit[^1].Surface));
        // Both the card and its copy in legal's channel show the final state.
        var lastUpdates = Fake.Of("update").TakeLast(2).ToList();
        Assert.All(lastUpdates, u => Assert.Contains("Answered", JsonTree.Objects(u.Card).Select(n => (string?)n["text"]).OfType<string>().First(t => t.Contains(" · ", StringComparison.Ordinal)), StringComparison.Ordinal));
        await AssertAcceptedByAdaptiveCardsAsync([.. SentCards(), .. answers.Select(a => a["value"]).OfType<JsonObject>()]);
    }

    [Fact]
    public async Task A_refresh_shows_each_person_only_the_buttons_they_may_use()
    {
        var postId = await Host.ReceiveAsync("I will sue you over this order.");
        await Teams.InvokeAsync(postId, "Claim", "alice");
        await Teams.InvokeAsync(postId, "SubmitDraft", "alice", new Dictionary<string, string> { ["text"] = TestPosts.GoodReply });

        var lena = (await Teams.InvokeAsync(postId, "refresh", "lena", trigger: "automatic"))["value"]!.AsObject();
        var alice = (await Teams.InvokeAsync(postId, "refresh", "alice", trigger: "automatic"))["value"]!.AsObject();
        var stranger = (await Teams.InvokeAsync(postId, "refresh", null, trigger: "automatic"))["value"]!.AsObject();

        Assert.Contains("Approve", Buttons(lena));
        Assert.DoesNotContain("Approve", Buttons(alice));
        Assert.Contains("SubmitDraft", Buttons(alice));
        Assert.Empty(Buttons(stranger));
        Assert.Contains(BotFrameworkSender.TeamsUserId("lena"), lena["refresh"]!["userIds"]!.AsArray().Select(u => (string?)u));
    }

    [Fact]
    public async Task A_click_delivered_twice_is_applied_once()
    {
        var postId = await Host.ReceiveAsync("Where is my order?");

        var first = await Teams.InvokeAsync(postId, "Claim", "alice", activityId: "f:click-1");
        var again = await Teams.InvokeAsync(postId, "Claim", "alice", activityId: "f:click-1");

        Assert.Null(Notice(first["value"]!.AsObject()));
        Assert.Equal("Done already.", Notice(again["value"]!.AsObject()));
        Assert.Single(await Host.Service<IAuditTrail>().ForPostAsync(postId), e => e.Action == AuditAction.Claim);
    }

    [Fact]
    public async Task A_refused_click_says_why_in_the_card()
    {
        var postId = await Host.ReceiveAsync("Where is my order?");

        var answer = await Teams.InvokeAsync(postId, "Approve", "lena");

        Assert.Equal("There is no reply waiting for approval.", Notice(answer["value"]!.AsObject()));
        Assert.Equal(PostState.Open, (await Host.PostAsync(postId)).State);
    }

    [Fact]
    public async Task Someone_ChatOpsReply_does_not_know_is_told_how_to_be_added()
    {
        var postId = await Host.ReceiveAsync("Where is my order?");

        var answer = await Teams.InvokeAsync(postId, "Claim", null);

        Assert.Equal((TeamsProtocol.MessageResponseType, TeamsPeople.Unknown), ((string?)answer["type"], (string?)answer["value"]));
        Assert.Equal(PostState.Open, (await Host.PostAsync(postId)).State);
    }

    [Fact]
    public async Task A_click_on_a_missing_post_or_with_no_action_gets_a_readable_answer()
    {
        var missing = await Teams.InvokeAsync("no-such-post", "Claim", "alice");
        var unknown = await Teams.InvokeAsync(await Host.ReceiveAsync("Hello?"), "Explode", "alice");

        Assert.Equal("That post no longer exists.", (string?)missing["value"]);
        Assert.Equal((400, TeamsProtocol.ErrorResponseType), ((int)unknown["statusCode"]!, (string?)unknown["type"]));
        Assert.Contains("Explode", (string?)unknown["value"]!["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_Action_Submit_from_an_older_client_is_applied_and_answered_in_the_thread()
    {
        var postId = await Host.ReceiveAsync("Where is my order?");
        await Teams.InvokeAsync(postId, "Claim", "alice");
        var data = new JsonObject { ["postId"] = postId, ["action"] = "Dismiss", ["Dismiss.comment"] = "Spam from a bot account." };

        using var response = await Teams.SendAsync("message-action-submit", "alice", data: data);

        Assert.True(response.IsSuccessStatusCode);
        var post = await Host.PostAsync(postId);
        Assert.Equal((PostState.Dismissed, "Spam from a bot account."), (post.State, post.DismissReason));
        Assert.Contains(Fake.Of("reply"), c => c.Text == "Done." && c.ActivityId is not null);
    }

    [Fact]
    public async Task A_refused_draft_notice_quotes_the_words_each_finding_is_about()
    {
        var postId = await Host.ReceiveAsync("Where is my parcel?");
        await Teams.InvokeAsync(postId, "Claim", "alice");

        var refused = await Teams.InvokeAsync(postId, "SubmitDraft", "alice", new Dictionary<string, string> { ["text"] = "Thanks, order {order.number} left today." });

        var card = refused["value"]!.AsObject();
        await AssertAcceptedByAdaptiveCardsAsync([card]);
        Assert.Equal(
            string.Join("\n\n", "The reply was not submitted.", "✗ Fill in {order.number} before the reply goes out. — “{order.number}”", "⚠ Use the customer's name (Ana): it reads as a person, not a script."),
            Unescaped(Notice(card)!));
        Assert.Equal(PostState.Claimed, (await Host.PostAsync(postId)).State);
    }

    [Fact]
    public async Task A_lead_records_a_texting_opt_in_with_its_evidence_from_the_card()
    {
        var postId = await Host.ReceiveAsync("Where is my parcel?", source: "sms", handle: "+447700900123");
        Assert.Contains("RecordConsent", Buttons((await Teams.InvokeAsync(postId, "refresh", "carol", trigger: "automatic"))["value"]!.AsObject()));

        var answer = await Teams.InvokeAsync(postId, "RecordConsent", "carol", new Dictionary<string, string> { [CommandInputFields.Comment] = "Signed the delivery form, ref 88" });

        var card = answer["value"]!.AsObject();
        await AssertAcceptedByAdaptiveCardsAsync([card]);
        Assert.Null(Notice(card));
        Assert.DoesNotContain("RecordConsent", Buttons(card));
        Assert.Contains(JsonTree.Objects(card), n => (string?)n["title"] == "Texts" && ((string?)n["value"])!.StartsWith("opted in ", StringComparison.Ordinal) && ((string?)n["value"])!.Contains("Signed the delivery form, ref 88", StringComparison.Ordinal));
        Assert.True((await Host.Service<IConsentStore>().GetAsync("sms", "+447700900123"))!.OptedIn);
        Assert.Equal("teams", (await Host.Service<IAuditTrail>().ForPostAsync(postId))[^1].Surface);
    }

    /// <summary>A notice as Teams shows it: markdown's backslash escapes read as the characters they stand for.</summary>
    private static string Unescaped(string markdown) => System.Text.RegularExpressions.Regex.Replace(markdown, @"\\(.)", "$1");
}
