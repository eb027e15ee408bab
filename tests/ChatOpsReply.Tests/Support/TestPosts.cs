using ChatOpsReply.Accountability;
using ChatOpsReply.Guidelines;
using ChatOpsReply.Posts;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Tests.Support;

/// <summary>Posts in any state, shaped as the workflow would have left them, and the workflow to try them on.</summary>
public static class TestPosts
{
    public const string GoodReply = "Hi Ana, thanks for telling us. We are looking into it now and will get back to you today.";

    public static PostWorkflow Workflow() =>
        new(TestConfig.Policy(), new ReplyCheck(new ReplyGuidelines(Options.Create(TestConfig.GuidelineOptions())), []));

    public static CustomerPost New(bool sensitive = true, string source = "x", string queue = "support") => new()
    {
        Id = "p1",
        Source = source,
        ExternalId = "e1",
        ThreadId = "e1",
        Author = new PostAuthor("@ana", "Ana Lopez"),
        Text = sensitive ? "My lawyer will hear about this." : "My order has not arrived.",
        ReceivedAt = TestConfig.Start,
        Queue = queue,
        Sensitivity = sensitive ? "legal" : null,
        Version = 1,
        ClaimDueAt = TestConfig.Start.AddMinutes(15),
        UpdatedAt = TestConfig.Start,
    };

    /// <summary>A sensitive support post in the given state, owned by Alice where a state has an owner.</summary>
    public static CustomerPost InState(PostState state, bool sensitive = true, string source = "x")
    {
        var post = New(sensitive, source) with { State = state };
        var draft = new ReplyDraft(GoodReply, "alice", TestConfig.Start) { NeedsApproval = sensitive };
        var replyDue = TestConfig.Start.AddMinutes(45);
        return state switch
        {
            PostState.Open => post,
            PostState.Escalated => post with { Tier = 1 },
            PostState.Claimed => post with { Owner = "alice", ClaimDueAt = null, ReplyDueAt = replyDue },
            PostState.AwaitingApproval => post with { Owner = "alice", ClaimDueAt = null, ReplyDueAt = replyDue, Draft = draft },
            PostState.Approved => post with { Owner = "alice", ClaimDueAt = null, ReplyDueAt = replyDue, Draft = draft },
            PostState.Sent => post with { Owner = "alice", ClaimDueAt = null, Replies = [new SentReply(GoodReply, "alice", TestConfig.Start)] },
            PostState.Closed or PostState.Dismissed => post with { Owner = "alice", ClaimDueAt = null },
            PostState.Crisis => post with { ClaimDueAt = null },
            _ => throw new ArgumentOutOfRangeException(nameof(state)),
        };
    }

    /// <summary>The post with its last reply's delivery as given (the outbox or the platform said so).</summary>
    public static CustomerPost WithDelivery(this CustomerPost post, ReplyDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(post);
        return post with { Replies = [.. post.Replies.Take(post.Replies.Count - 1), post.Replies[^1] with { Delivery = delivery }] };
    }

    public static PostCommand Command(CustomerPost post, PostTrigger trigger, string personId, TriggerInput? input = null) =>
        new(post.Id, trigger, personId == "system" ? Person.System : TestConfig.Person(personId), "test", null) { Input = input ?? TriggerInput.None };
}
