using System.Text.Json.Nodes;
using ChatOpsReply.Library.Curation;
using ChatOpsReply.Library.Model;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Library;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Teams;

/// <summary>
/// A Teams card cannot fill its reply box when someone picks an answer, so picking one and
/// leaving the box as offered sends the answer, filled in for the customer and the replier.
/// </summary>
public sealed class TeamsAnswerDraftTests : TeamsTestBase
{
    private const string Lawyer = "Hi {customer.name}, thank you for telling us. Our customer relations team will contact you by e-mail today. {agent.name}";
    private const string Filled = "Hi Ana, thank you for telling us. Our customer relations team will contact you by e-mail today. Alice";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Host.ApprovedAnswerAsync(new AnswerDocument { Id = "lawyer-reply", Title = "Customer mentions a lawyer", Body = Lawyer, Legal = true });
    }

    private async Task<string> ClaimedSensitivePostAsync()
    {
        var postId = await Host.ReceiveAsync("My parcel never arrived and my lawyer will hear about this.");
        await Teams.InvokeAsync(postId, "Claim", "alice");
        return postId;
    }

    [Fact]
    public async Task Picking_a_legal_approved_answer_and_leaving_the_greeting_sends_the_answer_filled_in_without_a_second_approval()
    {
        var postId = await ClaimedSensitivePostAsync();
        var card = (await Teams.InvokeAsync(postId, "refresh", "alice", trigger: "automatic"))["value"]!.AsObject();
        Assert.Contains("lawyer-reply", Choices(card, "SubmitDraft.answerId"));

        await Teams.InvokeAsync(postId, "SubmitDraft", "alice", new Dictionary<string, string> { ["text"] = "Hi Ana, ", ["answerId"] = "lawyer-reply" });

        var post = await Host.PostAsync(postId);
        Assert.Equal((PostState.Approved, Filled), (post.State, post.Draft!.Text));
    }

    [Fact]
    public async Task A_reply_typed_beside_a_picked_answer_is_kept_and_goes_to_legal()
    {
        var postId = await ClaimedSensitivePostAsync();

        await Teams.InvokeAsync(postId, "SubmitDraft", "alice", new Dictionary<string, string> { ["text"] = TestReply, ["answerId"] = "lawyer-reply" });

        var post = await Host.PostAsync(postId);
        Assert.Equal((PostState.AwaitingApproval, TestReply), (post.State, post.Draft!.Text));
    }

    [Fact]
    public async Task An_answer_retired_since_the_card_was_drawn_is_refused_with_a_sentence_and_nothing_changes()
    {
        var postId = await ClaimedSensitivePostAsync();
        var curation = Host.Service<LibraryCuration>();
        var current = (await curation.RetireAsync(Host.Person("dan"), "lawyer-reply", 2)).Answer;
        Assert.Equal(AnswerStatus.Retired, current!.Status);

        var answer = await Teams.InvokeAsync(postId, "SubmitDraft", "alice", new Dictionary<string, string> { ["text"] = "Hi Ana, ", ["answerId"] = "lawyer-reply" });

        Assert.Equal(PostCommandHandler.AnswerNotApproved, Notice(answer["value"]!.AsObject()));
        Assert.Equal(PostState.Claimed, (await Host.PostAsync(postId)).State);
    }

    private const string TestReply = "Hi Ana, I am so sorry about your parcel. Our customer relations team will e-mail you today to put it right.";

    private static List<string> Choices(JsonObject card, string inputId) =>
        [.. JsonTree.Objects(card).Where(n => (string?)n["id"] == inputId).SelectMany(n => n["choices"]!.AsArray()).Select(c => (string)c!["value"]!)];
}
