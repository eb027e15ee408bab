using System.Net;
using System.Text.Json.Nodes;
using ChatOpsReply.Cards;
using ChatOpsReply.Library.Curation;
using ChatOpsReply.Library.Model;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Library;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Slack;

/// <summary>
/// The approved-answer library in Slack: <c>/replies answers</c>, the draft modal's answer
/// search (options served as the person types) and the reply filled in from a chosen answer,
/// through signed requests against a fake Slack on 127.0.0.1.
/// </summary>
public sealed class SlackAnswersTests : IAsyncLifetime
{
    private const string LawyerBody = "Hi {customer.name}, we take this seriously. Our customer relations team will contact you by email today. {agent.name}";

    private SlackHost _slack = null!;

    private FakeSlack Fake => _slack.Slack;

    private ServiceHost Host => _slack.Host;

    public async Task InitializeAsync()
    {
        _slack = await SlackHost.StartAsync(new Dictionary<string, string?> { ["Console:PublicUrl"] = "https://replies.example.com/" });
        await Host.ApprovedAnswerAsync(new AnswerDocument { Id = "refund-damaged", Title = "Refund for a damaged item", Body = "Hi {customer.name}, sorry it arrived damaged. We refund the full price to your card within 5 working days. {agent.name}", Tags = ["refund"], Queues = ["billing"] });
        await Host.ApprovedAnswerAsync(new AnswerDocument { Id = "refund-late", Title = "Refund for a late delivery", Body = "Hi {customer.name}, sorry for the long wait. We refund the shipping cost to your card today. {agent.name}", Tags = ["refund", "delivery"], Queues = ["billing"] });
        await Host.ApprovedAnswerAsync(new AnswerDocument { Id = "parcel-lost", Title = "Lost parcel", Body = "Hi {customer.name}, the carrier lost your parcel. We send a new one today by express. {agent.name}", Queues = ["support"] });
        await Host.ApprovedAnswerAsync(new AnswerDocument { Id = "lawyer-reply", Title = "Customer mentions a lawyer", Body = LawyerBody, Legal = true });
        await Host.ApprovedAnswerAsync(new AnswerDocument { Id = "order-status", Title = "Status of an order", Body = "Hi {customer.name}, order {order.number} left our warehouse today and arrives within two days. {agent.name}", Placeholders = new Dictionary<string, string?> { ["order.number"] = null } });
        Assert.True((await Host.Service<LibraryCuration>().CreateAsync(Host.Person("dan"), new AnswerDocument { Id = "refund-draft", Title = "Refund policy (new)", Body = "Hi {customer.name}, refunds now take three days. {agent.name}", Queues = ["billing"] })).Succeeded);
    }

    public async Task DisposeAsync() => await _slack.DisposeAsync();

    [Fact]
    public async Task Answers_lists_the_approved_answers_that_match_for_the_channels_queue_best_first()
    {
        var text = await CommandTextAsync("answers refund damaged", "C0BILLING");

        Assert.StartsWith("*Approved answers for Billing* for \"refund damaged\":", text, StringComparison.Ordinal);
        var titles = text.Split('\n').Where(l => l.StartsWith("• ", StringComparison.Ordinal)).ToList();
        Assert.Equal("• *Refund for a damaged item* · <https://replies.example.com/console/library/refund-damaged|open>", titles[0]);
        Assert.Contains("• *Refund for a late delivery*", titles[1], StringComparison.Ordinal);
        Assert.Equal(2, titles.Count);
        Assert.Contains("   Hi {customer.name}, sorry it arrived damaged.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Refund policy (new)", text, StringComparison.Ordinal);
        Assert.EndsWith("choose it under _Start from an approved answer_: it is filled in for the customer.", text, StringComparison.Ordinal);

        // A channel of no queue searches every queue; a typo of five letters or more is forgiven.
        var anywhere = await CommandTextAsync("answers lawyr", "C0RANDOM");
        Assert.StartsWith("*Approved answers* for \"lawyr\":", anywhere, StringComparison.Ordinal);
        Assert.Contains("• *Customer mentions a lawyer* · approved by legal ·", anywhere, StringComparison.Ordinal);
        Assert.DoesNotContain("Lost parcel", await CommandTextAsync("answers lost parcel", "C0BILLING"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answers_without_words_says_what_to_type_and_help_offers_it()
    {
        Assert.Equal("Say what the customer asks about, for example `/replies answers refund damaged`.", await CommandTextAsync("answers", "C0SUPPORT"));
        Assert.Equal("No approved answer for Support matches \"xylophone\". Try fewer or other words.", await CommandTextAsync("answers xylophone", "C0SUPPORT"));
        Assert.Contains("• `/replies answers &lt;words&gt;`: approved answers from the library that match", await CommandTextAsync("help", "C0SUPPORT"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_draft_modal_searches_the_library_as_the_person_types_starting_from_the_posts_best_answers()
    {
        var (_, modal) = await ClaimAndOpenDraftAsync("I want a refund, my blender arrived damaged.", "U0BOB", "C0BILLING");

        var inputs = modal["blocks"]!.AsArray().Where(b => b!["type"]!.GetValue<string>() == "input").Select(b => b!["block_id"]!.GetValue<string>());
        Assert.Equal([CommandInputFields.AnswerId, CommandInputFields.Text], inputs);
        var select = SlackModalRequests.Element(modal, CommandInputFields.AnswerId);
        Assert.Equal("external_select", select["type"]!.GetValue<string>());
        Assert.Equal(0, select["min_query_length"]!.GetValue<int>());
        Assert.True(Block(modal, CommandInputFields.AnswerId)["dispatch_action"]!.GetValue<bool>());

        // Opening the select: the post's best answers, approved ones that suit its queue.
        var opened = await OptionsAsync(modal, "");
        Assert.Equal("refund-damaged", opened[0].Value);
        Assert.Equal("Refund for a damaged item", opened[0].Title);
        Assert.DoesNotContain(opened, o => o.Value is "refund-draft" or "parcel-lost");

        // Typing narrows it: prefixes and typos count, drafts and other queues' answers never show.
        Assert.Equal("refund-late", (await OptionsAsync(modal, "late deliv"))[0].Value);
        Assert.Equal("lawyer-reply", Assert.Single(await OptionsAsync(modal, "lawyr")).Value);
        Assert.Empty(await OptionsAsync(modal, "parcel"));
        Assert.DoesNotContain(await OptionsAsync(modal, "refund"), o => o.Value == "refund-draft");
    }

    [Fact]
    public async Task Choosing_a_legal_approved_answer_fills_the_reply_for_the_customer_and_skips_the_second_approval()
    {
        var (postId, modal, redraw) = await ChooseInNewDraftAsync("My order never came and I am calling my lawyer.", "lawyer-reply", "Customer mentions a lawyer");

        Assert.Equal(SlackModalRequests.ViewId, redraw.Arg("view_id"));
        Assert.Null(redraw.Args["hash"]);
        var filled = redraw.Args["view"]!.AsObject();
        const string reply = "Hi Ana, we take this seriously. Our customer relations team will contact you by email today. Alice";
        var text = SlackModalRequests.Element(filled, CommandInputFields.Text);
        Assert.Equal(reply, text["initial_value"]!.GetValue<string>());
        // A new action id, or Slack would keep the "Hi Ana, " typed before.
        Assert.NotEqual(SlackModalRequests.Element(modal, CommandInputFields.Text)["action_id"]!.GetValue<string>(), text["action_id"]!.GetValue<string>());
        Assert.Equal("lawyer-reply", SlackModalRequests.Element(filled, CommandInputFields.AnswerId)["initial_option"]!["value"]!.GetValue<string>());
        Assert.Equal(["✓ The reply follows the house rules."], Notes(filled));

        await AssertAcknowledgedEmptyAsync(await SubmitDraftAsync(filled, reply, "lawyer-reply"));

        var post = await Host.PostAsync(postId);
        Assert.Equal(PostState.Approved, post.State);
        Assert.Equal(reply, post.Draft!.Text);
        var submitted = (await Host.Service<IAuditTrail>().ForPostAsync(postId)).Last(e => e.Action == AuditAction.SubmitDraft);
        Assert.EndsWith("[answer lawyer-reply v2, unmodified]", submitted.Detail, StringComparison.Ordinal);
        await _slack.DeliverAllAsync();
        Assert.DoesNotContain(Fake.Of("chat.postMessage"), c => c.Arg("channel") == "C0LEGAL");
    }

    [Fact]
    public async Task Typing_after_choosing_keeps_the_choice_and_an_edited_answer_goes_to_legal()
    {
        var (postId, _, redraw) = await ChooseInNewDraftAsync("My order never came and I am calling my lawyer.", "lawyer-reply", "Customer mentions a lawyer");
        var filled = redraw.Args["view"]!.AsObject();

        const string edited = "Hi Ana, we take this seriously and we are sorry. Our customer relations team will contact you by email today. Alice";
        await AssertAcknowledgedEmptyAsync(await _slack.TypeAsync(filled, CommandInputFields.Text, edited));

        var check = await Fake.WaitForAsync("views.update", c => c.Arg("hash") == "1700000400.tYpEd001");
        var redrawn = check.Args["view"]!.AsObject();
        // The same ids as the filled-in view, so Slack keeps both the typing and the choice.
        Assert.Equal(SlackModalRequests.Element(filled, CommandInputFields.Text)["action_id"]!.ToJsonString(), SlackModalRequests.Element(redrawn, CommandInputFields.Text)["action_id"]!.ToJsonString());
        Assert.Equal(SlackModalRequests.Element(filled, CommandInputFields.AnswerId)["action_id"]!.ToJsonString(), SlackModalRequests.Element(redrawn, CommandInputFields.AnswerId)["action_id"]!.ToJsonString());

        await AssertAcknowledgedEmptyAsync(await SubmitDraftAsync(redrawn, edited, "lawyer-reply"));

        Assert.Equal(PostState.AwaitingApproval, (await Host.PostAsync(postId)).State);
        await _slack.DeliverAllAsync();
        Assert.Contains(Fake.Of("chat.postMessage"), c => c.Arg("channel") == "C0LEGAL");
    }

    [Fact]
    public async Task A_placeholder_nobody_can_fill_is_named_under_the_reply_and_nothing_goes_out_until_it_is_filled()
    {
        var (postId, _, redraw) = await ChooseInNewDraftAsync("Where is my parcel? It is taking ages.", "order-status", "Status of an order");

        var filled = redraw.Args["view"]!.AsObject();
        var draft = SlackModalRequests.Element(filled, CommandInputFields.Text)["initial_value"]!.GetValue<string>();
        Assert.Equal("Hi Ana, order {order.number} left our warehouse today and arrives within two days. Alice", draft);
        Assert.Equal(["✗ Fill in {order.number}: the answer has no default for it."], Notes(filled));

        using var refused = await SubmitDraftAsync(filled, draft, "order-status");
        var errors = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Equal("errors", errors["response_action"]!.GetValue<string>());
        Assert.Contains("{order.number}", errors["errors"]![CommandInputFields.Text]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(PostState.Claimed, (await Host.PostAsync(postId)).State);

        await AssertAcknowledgedEmptyAsync(await SubmitDraftAsync(filled, draft.Replace("{order.number}", "4411", StringComparison.Ordinal), "order-status"));
        var answer = (await Host.PostAsync(postId)).Draft!.Answer!;
        Assert.Equal(("order-status", true), (answer.AnswerId, answer.Unmodified));
    }

    [Fact]
    public async Task The_modal_and_options_slack_gets_type_check_with_slacks_official_types()
    {
        var (_, modal, redraw) = await ChooseInNewDraftAsync("My order never came and I am calling my lawyer.", "lawyer-reply", "Customer mentions a lawyer");
        using var options = await _slack.SuggestAsync(modal, CommandInputFields.AnswerId, "");
        var answer = JsonNode.Parse(await options.Content.ReadAsStringAsync())!.AsObject();
        var filled = redraw.Args["view"]!.AsObject();
        Assert.NotEmpty(answer["options"]!.AsArray());
        Assert.Empty(BlockKitLimits.CheckModal(modal));
        Assert.Empty(BlockKitLimits.CheckModal(filled));
        Assert.Empty(BlockKitLimits.CheckOptions(answer));

        var folder = Directory.CreateTempSubdirectory("slack-answers-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "modal-draft-opened.json"), modal.ToJsonString());
            File.WriteAllText(Path.Combine(folder, "modal-draft-answer-chosen.json"), filled.ToJsonString());
            File.WriteAllText(Path.Combine(folder, "options-answers.json"), answer.ToJsonString());
            var broken = answer.DeepClone().AsObject();
            broken["options"]![0]!["text"] = "an option's text is a plain_text object";
            File.WriteAllText(Path.Combine(folder, "options-broken.json"), broken.ToJsonString());

            var (exitCode, output) = await NodeScript.RunAsync("check-slack-blocks.mjs", folder);

            Assert.Equal(1, exitCode);
            Assert.Contains("4 file(s) checked, 1 problem(s)", output, StringComparison.Ordinal);
            Assert.Contains("options-broken.json:", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task An_options_request_without_slacks_signature_gets_nothing()
    {
        var (_, modal) = await ClaimAndOpenDraftAsync("Where is my parcel?", "U0ALICE", "C0SUPPORT");
        var payload = SlackHost.Fixture("block_suggestion.json");
        payload["view"]!["private_metadata"] = modal["private_metadata"]!.GetValue<string>();
        payload["value"] = "lawyer";
        using var request = _slack.SignedRequest("/api/slack/interactions", "payload=" + Uri.EscapeDataString(payload.ToJsonString()), "application/x-www-form-urlencoded", secret: "not-the-signing-secret");

        using var response = await _slack.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("lawyer-reply", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_manifest_sends_options_requests_to_the_interactions_endpoint_and_names_the_answers_verb()
    {
        var manifest = File.ReadAllText(Repository.PathOf("manifests", "slack", "manifest.yml"));

        Assert.Matches(@"(?m)^\s+message_menu_options_url: https://replies\.example\.com/api/slack/interactions$", manifest);
        Assert.Matches(@"(?m)^\s+usage_hint: "".*answers <words>.*""$", manifest);
    }

    /// <summary>Someone claims a new post from its card and clicks "Submit reply": the modal Slack was asked to open.</summary>
    private async Task<(string PostId, JsonObject Modal)> ClaimAndOpenDraftAsync(string text, string slackUser, string channel)
    {
        var postId = await Host.ReceiveAsync(text);
        await AssertAcknowledgedEmptyAsync(await _slack.ClickAsync(postId, "Claim", slackUser, channel));
        await AssertAcknowledgedEmptyAsync(await _slack.ClickAsync(postId, "SubmitDraft", slackUser, channel));
        return (postId, (await Fake.WaitForAsync("views.open")).Args["view"]!.AsObject());
    }

    /// <summary>Alice claims a new post in Support, opens its reply form and chooses an answer: the form Slack was asked to redraw.</summary>
    private async Task<(string PostId, JsonObject Modal, SlackCall Redraw)> ChooseInNewDraftAsync(string text, string answerId, string title)
    {
        var (postId, modal) = await ClaimAndOpenDraftAsync(text, "U0ALICE", "C0SUPPORT");
        await AssertAcknowledgedEmptyAsync(await _slack.ChooseAsync(modal, CommandInputFields.AnswerId, answerId, title));
        return (postId, modal, await Fake.WaitForAsync("views.update"));
    }

    private Task<HttpResponseMessage> SubmitDraftAsync(JsonObject view, string text, string answerId) =>
        _slack.SubmitAsync(view, "U0ALICE", new Dictionary<string, string> { [CommandInputFields.Text] = text, [CommandInputFields.AnswerId] = answerId });

    private async Task<List<CardChoice>> OptionsAsync(JsonObject modal, string typed)
    {
        using var response = await _slack.SuggestAsync(modal, CommandInputFields.AnswerId, typed);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return [.. answer["options"]!.AsArray().Select(o => new CardChoice(o!["value"]!.GetValue<string>(), o["text"]!["text"]!.GetValue<string>()))];
    }

    private async Task<string> CommandTextAsync(string text, string channel)
    {
        using var response = await _slack.CommandAsync(text, channel: channel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("ephemeral", answer["response_type"]!.GetValue<string>());
        return answer["text"]!.GetValue<string>();
    }

    private static JsonObject Block(JsonObject view, string blockId) =>
        view["blocks"]!.AsArray().Single(b => b!["block_id"]?.GetValue<string>() == blockId)!.AsObject();

    private static List<string> Notes(JsonObject view) =>
        [.. Block(view, BlockKitRenderer.NotesBlockId)["elements"]!.AsArray().Select(e => e!["text"]!.GetValue<string>())];

    private static async Task AssertAcknowledgedEmptyAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("", await response.Content.ReadAsStringAsync());
        }
    }
}
