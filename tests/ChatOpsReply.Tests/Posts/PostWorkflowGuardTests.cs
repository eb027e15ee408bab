using ChatOpsReply.Guidelines;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Posts;

/// <summary>Who may do what: tiers, roles, owner-only actions, four eyes, consent and caps.</summary>
public sealed class PostWorkflowGuardTests
{
    private readonly PostWorkflow _workflow = TestPosts.Workflow();

    private WorkflowDecision Decide(CustomerPost post, PostTrigger trigger, string person, TriggerInput? input = null, WorkflowFacts? facts = null) =>
        _workflow.Decide(post, TestPosts.Command(post, trigger, person, input), facts ?? WorkflowFacts.None);

    private static void Refused(WorkflowDecision decision, string reason)
    {
        Assert.False(decision.Allowed);
        Assert.Contains(reason, decision.Reasons);
    }

    [Fact]
    public void Someone_outside_the_chain_cannot_claim()
    {
        Refused(
            Decide(TestPosts.InState(PostState.Open), PostTrigger.Claim, "olga"),
            "Only people in the frontline, lead, manager or crisis tiers of Support can claim this post.");
    }

    [Fact]
    public void An_escalated_post_can_be_claimed_by_its_tier_or_above_but_not_below()
    {
        var escalated = TestPosts.InState(PostState.Escalated);

        Refused(Decide(escalated, PostTrigger.Claim, "alice"), "Only people in the lead, manager or crisis tiers of Support can claim this post.");
        Assert.True(Decide(escalated, PostTrigger.Claim, "carol").Allowed);
        Assert.True(Decide(escalated, PostTrigger.Claim, "dan").Allowed);
    }

    [Fact]
    public void Only_the_owner_submits_the_draft_and_sends_the_reply()
    {
        Refused(
            Decide(TestPosts.InState(PostState.Claimed), PostTrigger.SubmitDraft, "bob", new DraftInput(TestPosts.GoodReply)),
            "Only Alice Martin, who owns this post, can submit a reply.");
        Refused(Decide(TestPosts.InState(PostState.Approved), PostTrigger.Send, "bob"), "Only Alice Martin, who owns this post, can send the reply.");
        Refused(Decide(TestPosts.InState(PostState.Approved), PostTrigger.Send, "carol"), "Only Alice Martin, who owns this post, can send the reply.");
    }

    [Fact]
    public void Only_the_approver_role_approves_replies_to_sensitive_posts()
    {
        var waiting = TestPosts.InState(PostState.AwaitingApproval);

        Refused(Decide(waiting, PostTrigger.Approve, "carol"), "Only legal can approve replies to sensitive posts.");
        Refused(Decide(waiting, PostTrigger.Approve, "alice"), "Only legal can approve replies to sensitive posts.");
        Assert.True(Decide(waiting, PostTrigger.Approve, "lena").Allowed);
    }

    [Fact]
    public void The_drafter_never_approves_their_own_reply_even_with_the_legal_role()
    {
        var draftedByLou = TestPosts.InState(PostState.AwaitingApproval) with
        {
            Owner = "lou",
            Draft = new ReplyDraft(TestPosts.GoodReply, "lou", TestConfig.Start) { NeedsApproval = true },
        };

        Refused(Decide(draftedByLou, PostTrigger.Approve, "lou"), "You drafted this reply, so someone else must approve it (four eyes).");
        Refused(Decide(draftedByLou, PostTrigger.RequestChanges, "lou", new CommentInput { Comment = "Hmm" }), "You drafted this reply, so someone else must approve it (four eyes).");
        Assert.True(Decide(draftedByLou, PostTrigger.Approve, "lena").Allowed);
    }

    [Fact]
    public void Sending_back_a_draft_needs_a_comment()
    {
        Refused(Decide(TestPosts.InState(PostState.AwaitingApproval), PostTrigger.RequestChanges, "lena"), "Say what should change.");
    }

    [Fact]
    public void A_draft_for_a_post_that_is_not_sensitive_needs_no_approval()
    {
        var decision = Decide(TestPosts.InState(PostState.Claimed, sensitive: false), PostTrigger.SubmitDraft, "alice", new DraftInput(TestPosts.GoodReply));

        Assert.True(decision.Allowed);
        Assert.Equal(PostState.Approved, decision.To);
    }

    [Theory]
    [InlineData(true, true, PostState.Approved)]
    [InlineData(false, true, PostState.AwaitingApproval)]
    [InlineData(true, false, PostState.AwaitingApproval)]
    public void Only_an_unmodified_legal_approved_library_answer_skips_approval_of_a_sensitive_reply(bool unmodified, bool legalApproved, PostState expected)
    {
        var answer = new CannedAnswerUse("refund-policy", 3, unmodified, legalApproved);
        var decision = Decide(
            TestPosts.InState(PostState.Claimed),
            PostTrigger.SubmitDraft,
            "alice",
            new DraftInput(TestPosts.GoodReply, answer),
            new WorkflowFacts { VerifiedAnswer = answer });

        Assert.True(decision.Allowed);
        Assert.Equal(expected, decision.To);
    }

    [Fact]
    public void A_library_answer_the_library_did_not_confirm_still_needs_approval()
    {
        var claimed = new CannedAnswerUse("refund-policy", 3, Unmodified: true, LegalApproved: true);

        var decision = Decide(TestPosts.InState(PostState.Claimed), PostTrigger.SubmitDraft, "alice", new DraftInput(TestPosts.GoodReply, claimed));

        Assert.Equal(PostState.AwaitingApproval, decision.To);
    }

    [Fact]
    public void A_draft_that_breaks_the_guidelines_is_refused_with_the_rule()
    {
        Refused(
            Decide(TestPosts.InState(PostState.Claimed), PostTrigger.SubmitDraft, "alice", new DraftInput("Thanks")),
            "A reply of 1 word reads as curt or robotic: write at least 3 words, like a person would.");
    }

    [Fact]
    public void Guideline_warnings_come_back_with_an_accepted_draft()
    {
        var decision = Decide(TestPosts.InState(PostState.Claimed), PostTrigger.SubmitDraft, "alice", new DraftInput("We are looking into your order right now."));

        Assert.True(decision.Allowed);
        Assert.Contains("Use the customer's name (Ana): it reads as a person, not a script.", decision.Warnings);
    }

    [Fact]
    public void A_text_goes_only_to_a_customer_who_opted_in()
    {
        var sms = TestPosts.InState(PostState.Approved, sensitive: false, source: "sms");

        Refused(Decide(sms, PostTrigger.Send, "alice"), "Ana has not opted in to text messages: reply another way.");
        Refused(
            Decide(sms, PostTrigger.Send, "alice", facts: new WorkflowFacts { Consent = new ConsentRecord("sms", "@ana", false, TestConfig.Start, "texted STOP") }),
            "Ana has not opted in to text messages: reply another way.");
        Assert.True(Decide(sms, PostTrigger.Send, "alice", facts: new WorkflowFacts { Consent = new ConsentRecord("sms", "@ana", true, TestConfig.Start, "texted START") }).Allowed);
    }

    [Fact]
    public void Texts_stop_at_the_frequency_cap()
    {
        var sms = TestPosts.InState(PostState.Approved, sensitive: false, source: "sms");
        var optedIn = new ConsentRecord("sms", "@ana", true, TestConfig.Start, "texted START");

        Assert.True(Decide(sms, PostTrigger.Send, "alice", facts: new WorkflowFacts { Consent = optedIn, RecentTexts = 2 }).Allowed);
        Refused(
            Decide(sms, PostTrigger.Send, "alice", facts: new WorkflowFacts { Consent = optedIn, RecentTexts = 3 }),
            "Ana has had 3 texts in the last 1 d; the limit is 3.");
    }

    [Fact]
    public void Handing_over_needs_the_owner_or_a_lead_and_an_eligible_person()
    {
        var claimed = TestPosts.InState(PostState.Claimed);

        Refused(Decide(claimed, PostTrigger.Reassign, "bob", new HandOverInput("bob")), "Only the owner or a lead of Support can hand this post to someone.");
        Refused(Decide(claimed, PostTrigger.Reassign, "carol", new HandOverInput("olga")), "Olga Outsider is not in the frontline tier of Support or above.");
        Refused(Decide(claimed, PostTrigger.Reassign, "carol", new HandOverInput("zed")), "ChatOpsReply does not know anyone called 'zed'.");
        Refused(Decide(claimed, PostTrigger.Reassign, "carol"), "Choose who should take this post.");
        Assert.True(Decide(claimed, PostTrigger.Reassign, "carol", new HandOverInput("bob")).Allowed);
        Assert.True(Decide(claimed, PostTrigger.Reassign, "alice", new HandOverInput("bob")).Allowed);
    }

    [Fact]
    public void A_lead_of_another_queue_cannot_take_over_this_one()
    {
        var billing = TestPosts.InState(PostState.Claimed) with { Queue = "billing", Owner = "bob" };

        Assert.True(Decide(billing, PostTrigger.Release, "carol").Allowed);
        Refused(Decide(billing, PostTrigger.Release, "alice"), "Only Bob Okafor or a lead of Billing can release this post.");
    }

    [Fact]
    public void Escalating_past_the_last_tier_is_refused()
    {
        var atCrisisTier = TestPosts.InState(PostState.Escalated) with { Tier = 3 };

        Refused(Decide(atCrisisTier, PostTrigger.Escalate, "sam"), "This post is already at the last tier of Support (crisis).");
    }

    [Fact]
    public void A_breach_at_the_last_tier_keeps_the_post_where_it_is()
    {
        var atCrisisTier = TestPosts.InState(PostState.Escalated) with { Tier = 3 };

        var decision = Decide(atCrisisTier, PostTrigger.SlaBreached, "system", new BreachInput(atCrisisTier.NextSlaDueAt!.Value));

        Assert.True(decision.Allowed);
        Assert.Equal(PostState.Escalated, decision.To);
    }

    [Fact]
    public void A_stale_timer_does_nothing()
    {
        var claimed = TestPosts.InState(PostState.Claimed);

        Refused(
            Decide(claimed, PostTrigger.SlaBreached, "system", new BreachInput(claimed.ReplyDueAt!.Value.AddMinutes(-30))),
            "This SLA timer is no longer current.");
    }

    [Fact]
    public void Only_the_crisis_team_takes_and_resolves_a_crisis()
    {
        var crisis = TestPosts.InState(PostState.Crisis);

        Refused(Decide(crisis, PostTrigger.Claim, "dan"), "Only the crisis team can take a post in crisis.");
        Refused(Decide(crisis, PostTrigger.ResolveCrisis, "alice"), "Only the crisis team can resolve a crisis.");
        Assert.True(Decide(crisis, PostTrigger.Claim, "sam").Allowed);
    }

    [Fact]
    public void A_manager_resolves_a_post_of_a_declared_crisis_but_not_one_of_a_panic_button()
    {
        var crisis = TestPosts.InState(PostState.Crisis);

        Assert.True(Decide(crisis, PostTrigger.ResolveCrisis, "dan", new CrisisInput("c1")).Allowed);
        Refused(Decide(crisis, PostTrigger.ResolveCrisis, "dan"), "Only the crisis team can resolve a crisis.");
        Refused(Decide(crisis, PostTrigger.ResolveCrisis, "alice", new CrisisInput("c1")), "Only the crisis team can resolve a crisis.");
    }

    [Fact]
    public void A_declared_crisis_takes_no_post_that_was_answered_while_the_panic_button_still_does()
    {
        var sent = TestPosts.InState(PostState.Sent);

        Refused(Decide(sent, PostTrigger.DeclareCrisis, "sam", new CrisisInput("c1")), "This post was answered already: a declared crisis takes only posts still waiting for a reply.");
        Assert.True(Decide(sent, PostTrigger.DeclareCrisis, "sam").Allowed);
        Assert.True(Decide(TestPosts.InState(PostState.Approved), PostTrigger.DeclareCrisis, "sam", new CrisisInput("c1")).Allowed);
    }

    [Fact]
    public void Anyone_in_the_chain_can_hit_the_panic_button_but_an_outsider_cannot()
    {
        Assert.True(Decide(TestPosts.InState(PostState.Claimed), PostTrigger.DeclareCrisis, "bob").Allowed);
        Refused(
            Decide(TestPosts.InState(PostState.Claimed), PostTrigger.DeclareCrisis, "olga"),
            "Only people in Support's chain or the crisis team can hit the panic button.");
    }

    [Fact]
    public void People_cannot_record_customer_messages()
    {
        Refused(
            Decide(TestPosts.InState(PostState.Open), PostTrigger.CustomerFollowUp, "alice", new FollowUpInput(new FollowUp("x", "hi", TestConfig.Start))),
            "Only ChatOpsReply records the customer's messages.");
    }

    [Theory]
    [InlineData("alice", new[] { PostTrigger.Claim, PostTrigger.Escalate, PostTrigger.Dismiss, PostTrigger.DeclareCrisis })]
    [InlineData("carol", new[] { PostTrigger.Claim, PostTrigger.Reassign, PostTrigger.Escalate, PostTrigger.Dismiss, PostTrigger.DeclareCrisis })]
    [InlineData("lena", new PostTrigger[0])]
    [InlineData("olga", new PostTrigger[0])]
    public void Each_person_sees_exactly_the_buttons_they_may_use(string person, PostTrigger[] expected)
    {
        Assert.Equal(expected, _workflow.AvailableTo(TestPosts.InState(PostState.Open), TestConfig.Person(person)));
    }

    [Fact]
    public void Every_person_trigger_has_a_place_among_the_buttons()
    {
        Assert.Equal(
            Enum.GetValues<PostTrigger>().Where(t => t is not (PostTrigger.SlaBreached or PostTrigger.CustomerFollowUp or PostTrigger.DeliveryReported or PostTrigger.SendHoldingStatement)).Order(),
            PostWorkflow.PersonTriggers.Order());
    }

    private static HoldingInput Holding(string crisisId = "c1", string? text = TestPosts.GoodReply) =>
        new(crisisId, text, new CannedAnswerUse("status", 1, Unmodified: true, LegalApproved: false), "sam", "chosen by Sam Rivera, approved by Lena Ortiz");

    [Fact]
    public void Only_the_service_sends_a_holding_statement_and_only_to_a_post_of_its_crisis_that_has_not_had_it()
    {
        var post = TestPosts.InState(PostState.Crisis) with { CrisisId = "c1" };
        var answered = post with { Replies = [new SentReply(TestPosts.GoodReply, "sam", TestConfig.Start) { HoldingFor = "c1" }] };

        Refused(Decide(post, PostTrigger.SendHoldingStatement, "sam", Holding()), "Only ChatOpsReply sends a crisis's holding statement, once it is approved.");
        Refused(Decide(post, PostTrigger.SendHoldingStatement, "system", Holding("c2")), "This post is no longer in the crisis the holding statement is for.");
        Refused(Decide(answered, PostTrigger.SendHoldingStatement, "system", Holding()), "Ana has had this crisis's holding statement already.");
        Refused(Decide(post with { State = PostState.Claimed, Owner = "sam" }, PostTrigger.SendHoldingStatement, "system", Holding()), "You can't send the crisis's holding statement to a post that is claimed.");
        var sent = Decide(post, PostTrigger.SendHoldingStatement, "system", Holding());
        Assert.Equal((true, PostState.Crisis), (sent.Allowed, sent.To));
        Assert.Empty(sent.Withheld);
    }

    [Fact]
    public void A_holding_statement_the_channel_refuses_is_recorded_with_why_and_sends_nothing()
    {
        var sms = TestPosts.InState(PostState.Crisis, sensitive: false, source: "sms") with { CrisisId = "c1" };
        var optedIn = new ConsentRecord("sms", "@ana", true, TestConfig.Start, "texted START");

        var noOptIn = Decide(sms, PostTrigger.SendHoldingStatement, "system", Holding());
        var capped = Decide(sms, PostTrigger.SendHoldingStatement, "system", Holding(), new WorkflowFacts { Consent = optedIn, RecentTexts = 3 });
        var unfilled = Decide(sms, PostTrigger.SendHoldingStatement, "system", Holding(text: null) with { Unfilled = "Fill in {order}: the answer has no default for it." }, new WorkflowFacts { Consent = optedIn });
        var fine = Decide(sms, PostTrigger.SendHoldingStatement, "system", Holding(), new WorkflowFacts { Consent = optedIn });

        Assert.Equal((true, PostState.Crisis), (noOptIn.Allowed, noOptIn.To));
        Assert.Equal(["Ana has not opted in to text messages: reply another way."], noOptIn.Withheld);
        Assert.Equal(["Ana has had 3 texts in the last 1 d; the limit is 3."], capped.Withheld);
        Assert.Equal(["Fill in {order}: the answer has no default for it."], unfilled.Withheld);
        Assert.Empty(fine.Withheld);
    }

    [Fact]
    public void A_holding_statement_too_long_for_the_channel_is_withheld_with_the_rule()
    {
        var post = TestPosts.InState(PostState.Crisis) with { CrisisId = "c1" };

        var decision = Decide(post, PostTrigger.SendHoldingStatement, "system", Holding(text: "Hi Ana, " + string.Concat(Enumerable.Repeat("we are looking into the outage right now. ", 200))));

        Assert.True(decision.Allowed);
        var why = Assert.Single(decision.Withheld);
        Assert.StartsWith("Replies on x are limited to 280 characters", why, StringComparison.Ordinal);
    }
}
