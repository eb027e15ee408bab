using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Posts;

/// <summary>
/// Every state × trigger: with the person best placed to act, the transitions the lifecycle
/// allows go where they should, and everything else is refused with a sentence, changing nothing.
/// </summary>
public sealed class PostWorkflowTableTests
{
    private static readonly Dictionary<(PostState, PostTrigger), PostState> Allowed = new()
    {
        [(PostState.Open, PostTrigger.Claim)] = PostState.Claimed,
        [(PostState.Open, PostTrigger.Reassign)] = PostState.Claimed,
        [(PostState.Open, PostTrigger.Dismiss)] = PostState.Dismissed,
        [(PostState.Open, PostTrigger.Escalate)] = PostState.Escalated,
        [(PostState.Open, PostTrigger.SlaBreached)] = PostState.Escalated,
        [(PostState.Open, PostTrigger.DeclareCrisis)] = PostState.Crisis,
        [(PostState.Open, PostTrigger.CustomerFollowUp)] = PostState.Open,

        [(PostState.Escalated, PostTrigger.Claim)] = PostState.Claimed,
        [(PostState.Escalated, PostTrigger.Reassign)] = PostState.Claimed,
        [(PostState.Escalated, PostTrigger.Dismiss)] = PostState.Dismissed,
        [(PostState.Escalated, PostTrigger.Escalate)] = PostState.Escalated,
        [(PostState.Escalated, PostTrigger.SlaBreached)] = PostState.Escalated,
        [(PostState.Escalated, PostTrigger.DeclareCrisis)] = PostState.Crisis,
        [(PostState.Escalated, PostTrigger.CustomerFollowUp)] = PostState.Escalated,

        [(PostState.Claimed, PostTrigger.Release)] = PostState.Open,
        [(PostState.Claimed, PostTrigger.Reassign)] = PostState.Claimed,
        [(PostState.Claimed, PostTrigger.SubmitDraft)] = PostState.AwaitingApproval,
        [(PostState.Claimed, PostTrigger.Dismiss)] = PostState.Dismissed,
        [(PostState.Claimed, PostTrigger.Escalate)] = PostState.Escalated,
        // A missed reply keeps the owner: the tier above is told and may take over.
        [(PostState.Claimed, PostTrigger.SlaBreached)] = PostState.Claimed,
        [(PostState.Claimed, PostTrigger.TakeOver)] = PostState.Claimed,
        [(PostState.Claimed, PostTrigger.DeclareCrisis)] = PostState.Crisis,
        [(PostState.Claimed, PostTrigger.CustomerFollowUp)] = PostState.Claimed,

        [(PostState.AwaitingApproval, PostTrigger.Approve)] = PostState.Approved,
        [(PostState.AwaitingApproval, PostTrigger.RequestChanges)] = PostState.Claimed,
        [(PostState.AwaitingApproval, PostTrigger.SubmitDraft)] = PostState.AwaitingApproval,
        [(PostState.AwaitingApproval, PostTrigger.Reassign)] = PostState.Claimed,
        [(PostState.AwaitingApproval, PostTrigger.SlaBreached)] = PostState.AwaitingApproval,
        [(PostState.AwaitingApproval, PostTrigger.DeclareCrisis)] = PostState.Crisis,
        [(PostState.AwaitingApproval, PostTrigger.CustomerFollowUp)] = PostState.AwaitingApproval,

        [(PostState.Approved, PostTrigger.Send)] = PostState.Sent,
        [(PostState.Approved, PostTrigger.SubmitDraft)] = PostState.AwaitingApproval,
        [(PostState.Approved, PostTrigger.Release)] = PostState.Open,
        [(PostState.Approved, PostTrigger.Reassign)] = PostState.Claimed,
        [(PostState.Approved, PostTrigger.Dismiss)] = PostState.Dismissed,
        [(PostState.Approved, PostTrigger.SlaBreached)] = PostState.Approved,
        [(PostState.Approved, PostTrigger.TakeOver)] = PostState.Claimed,
        [(PostState.Approved, PostTrigger.DeclareCrisis)] = PostState.Crisis,
        [(PostState.Approved, PostTrigger.CustomerFollowUp)] = PostState.Approved,

        [(PostState.Sent, PostTrigger.Close)] = PostState.Closed,
        [(PostState.Sent, PostTrigger.CustomerFollowUp)] = PostState.Claimed,
        [(PostState.Sent, PostTrigger.DeclareCrisis)] = PostState.Crisis,

        [(PostState.Closed, PostTrigger.Reopen)] = PostState.Open,
        [(PostState.Dismissed, PostTrigger.Reopen)] = PostState.Open,

        [(PostState.Crisis, PostTrigger.Claim)] = PostState.Claimed,
        [(PostState.Crisis, PostTrigger.ResolveCrisis)] = PostState.Open,
        [(PostState.Crisis, PostTrigger.Dismiss)] = PostState.Dismissed,
        [(PostState.Crisis, PostTrigger.CustomerFollowUp)] = PostState.Crisis,
        // The crisis's approved holding statement goes out and the post stays for the crisis team to answer.
        [(PostState.Crisis, PostTrigger.SendHoldingStatement)] = PostState.Crisis,

        [(PostState.Sent, PostTrigger.Resend)] = PostState.Sent,

        // Whatever became of a post since, a reply's delivery and the customer's texting consent are recorded.
        [(PostState.Open, PostTrigger.DeliveryReported)] = PostState.Open,
        [(PostState.Escalated, PostTrigger.DeliveryReported)] = PostState.Escalated,
        [(PostState.Claimed, PostTrigger.DeliveryReported)] = PostState.Claimed,
        [(PostState.AwaitingApproval, PostTrigger.DeliveryReported)] = PostState.AwaitingApproval,
        [(PostState.Approved, PostTrigger.DeliveryReported)] = PostState.Approved,
        [(PostState.Sent, PostTrigger.DeliveryReported)] = PostState.Sent,
        [(PostState.Closed, PostTrigger.DeliveryReported)] = PostState.Closed,
        [(PostState.Dismissed, PostTrigger.DeliveryReported)] = PostState.Dismissed,
        [(PostState.Crisis, PostTrigger.DeliveryReported)] = PostState.Crisis,

        [(PostState.Open, PostTrigger.RecordConsent)] = PostState.Open,
        [(PostState.Escalated, PostTrigger.RecordConsent)] = PostState.Escalated,
        [(PostState.Claimed, PostTrigger.RecordConsent)] = PostState.Claimed,
        [(PostState.AwaitingApproval, PostTrigger.RecordConsent)] = PostState.AwaitingApproval,
        [(PostState.Approved, PostTrigger.RecordConsent)] = PostState.Approved,
        [(PostState.Sent, PostTrigger.RecordConsent)] = PostState.Sent,
        [(PostState.Closed, PostTrigger.RecordConsent)] = PostState.Closed,
        [(PostState.Dismissed, PostTrigger.RecordConsent)] = PostState.Dismissed,
        [(PostState.Crisis, PostTrigger.RecordConsent)] = PostState.Crisis,

        // A note for the team changes nothing but the history, in every state.
        [(PostState.Open, PostTrigger.AddNote)] = PostState.Open,
        [(PostState.Escalated, PostTrigger.AddNote)] = PostState.Escalated,
        [(PostState.Claimed, PostTrigger.AddNote)] = PostState.Claimed,
        [(PostState.AwaitingApproval, PostTrigger.AddNote)] = PostState.AwaitingApproval,
        [(PostState.Approved, PostTrigger.AddNote)] = PostState.Approved,
        [(PostState.Sent, PostTrigger.AddNote)] = PostState.Sent,
        [(PostState.Closed, PostTrigger.AddNote)] = PostState.Closed,
        [(PostState.Dismissed, PostTrigger.AddNote)] = PostState.Dismissed,
        [(PostState.Crisis, PostTrigger.AddNote)] = PostState.Crisis,
    };

    public static TheoryData<PostState, PostTrigger> EveryStateAndTrigger()
    {
        var data = new TheoryData<PostState, PostTrigger>();
        foreach (var state in Enum.GetValues<PostState>())
        {
            foreach (var trigger in Enum.GetValues<PostTrigger>())
            {
                data.Add(state, trigger);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStateAndTrigger))]
    public void Trigger_is_allowed_exactly_where_the_lifecycle_says(PostState state, PostTrigger trigger)
    {
        var post = Post(state, trigger);
        var command = TestPosts.Command(post, trigger, BestPlacedActor(post, trigger), Input(post, trigger));

        var decision = TestPosts.Workflow().Decide(post, command, Facts(trigger));

        if (Allowed.TryGetValue((state, trigger), out var target))
        {
            Assert.True(decision.Allowed, $"{trigger} in {state} was refused: {string.Join(" ", decision.Reasons)}");
            Assert.Equal(target, decision.To);
        }
        else
        {
            Assert.False(decision.Allowed, $"{trigger} in {state} should be refused but went to {decision.To}.");
            Assert.Equal(state, decision.To);
            Assert.NotEmpty(decision.Reasons);
            Assert.All(decision.Reasons, reason => Assert.Matches(@"^[A-Z].*[.)]$", reason));
        }
    }

    [Fact]
    public void Every_state_is_reachable_and_every_trigger_is_used()
    {
        Assert.Equal(Enum.GetValues<PostState>().Order(), Allowed.Values.Append(PostState.Open).Distinct().Order());
        Assert.Equal(Enum.GetValues<PostTrigger>().Order(), Allowed.Keys.Select(k => k.Item2).Distinct().Order());
    }

    [Theory]
    [InlineData(PostState.Claimed, PostTrigger.Claim, "bob", "Alice Martin already claimed this post.")]
    [InlineData(PostState.Claimed, PostTrigger.Claim, "alice", "You already claimed this post.")]
    [InlineData(PostState.Sent, PostTrigger.Send, "alice", "This reply was already sent.")]
    [InlineData(PostState.Open, PostTrigger.Approve, "lena", "There is no reply waiting for approval.")]
    [InlineData(PostState.Claimed, PostTrigger.Send, "alice", "Submit the reply first.")]
    [InlineData(PostState.AwaitingApproval, PostTrigger.Send, "alice", "The reply is still waiting for approval.")]
    [InlineData(PostState.Open, PostTrigger.SubmitDraft, "alice", "Claim the post before you draft a reply.")]
    [InlineData(PostState.Closed, PostTrigger.Claim, "alice", "You can't claim a post that is closed.")]
    public void Refusals_of_triggers_the_state_does_not_take_say_why(PostState state, PostTrigger trigger, string person, string reason)
    {
        var post = TestPosts.InState(state);

        var decision = TestPosts.Workflow().Decide(post, TestPosts.Command(post, trigger, person, Input(post, trigger)), Facts(trigger));

        Assert.False(decision.Allowed);
        Assert.Equal([reason], decision.Reasons);
    }

    /// <summary>
    /// The post in the state, as the trigger finds it where the lifecycle allows it: a reply whose
    /// delivery failed to send again, a reply in the outbox to report on, a customer who gets texts.
    /// </summary>
    private static CustomerPost Post(PostState state, PostTrigger trigger)
    {
        var post = TestPosts.InState(state, source: trigger == PostTrigger.RecordConsent ? "sms" : "x");
        return trigger switch
        {
            PostTrigger.Resend when post.Replies.Count > 0 => post.WithDelivery(new ReplyDelivery(ReplyDeliveryStatus.Failed, TestConfig.Start) { Reason = "X answered HTTP 503." }),
            PostTrigger.DeliveryReported when post.Replies.Count == 0 => post with { Replies = [new SentReply(TestPosts.GoodReply, "alice", TestConfig.Start)] },
            // Alice missed her reply limit and still holds the post: the lead tier was told.
            PostTrigger.TakeOver when post.Owner is not null => post with { Tier = 1, ReplyMissedBy = post.Owner },
            PostTrigger.SendHoldingStatement => post with { CrisisId = "c1" },
            _ => post,
        };
    }

    private static string BestPlacedActor(CustomerPost post, PostTrigger trigger) => trigger switch
    {
        PostTrigger.SlaBreached or PostTrigger.CustomerFollowUp or PostTrigger.DeliveryReported or PostTrigger.SendHoldingStatement => "system",
        PostTrigger.RecordConsent => "carol",
        PostTrigger.Approve or PostTrigger.RequestChanges => "lena",
        PostTrigger.ResolveCrisis => "sam",
        PostTrigger.Claim or PostTrigger.Dismiss when post.State == PostState.Crisis => "sam",
        PostTrigger.Claim or PostTrigger.Dismiss or PostTrigger.Escalate when post.State == PostState.Escalated => "carol",
        PostTrigger.Reassign or PostTrigger.TakeOver => "carol",
        _ => "alice",
    };

    private static TriggerInput Input(CustomerPost post, PostTrigger trigger) => trigger switch
    {
        PostTrigger.SubmitDraft => new DraftInput(TestPosts.GoodReply) { Comment = Comment },
        PostTrigger.Reassign => new HandOverInput(post.Tier > 0 ? "dan" : "bob") { Comment = Comment },
        PostTrigger.CustomerFollowUp => new FollowUpInput(new FollowUp("e2", "Any news?", TestConfig.Start.AddMinutes(5))),
        // A post with no SLA timer running gets a timer that is not its own.
        PostTrigger.SlaBreached => new BreachInput(post.NextSlaDueAt ?? DateTimeOffset.MinValue),
        PostTrigger.SendHoldingStatement => new HoldingInput("c1", TestPosts.GoodReply, new CannedAnswerUse("status", 1, Unmodified: true, LegalApproved: false), "sam", "chosen by Sam Rivera, approved by Lena Ortiz"),
        PostTrigger.DeliveryReported => new DeliveryInput(1, new ReplyDelivery(ReplyDeliveryStatus.Sent, TestConfig.Start.AddMinutes(1)) { ExternalId = "1445880548472328193" }),
        _ => new CommentInput { Comment = Comment },
    };

    private const string Comment = "Spam from a bot account.";

    /// <summary>The customer (an X user, not texting) needs no consent; nothing else is loaded.</summary>
    private static WorkflowFacts Facts(PostTrigger trigger) => WorkflowFacts.None;
}
