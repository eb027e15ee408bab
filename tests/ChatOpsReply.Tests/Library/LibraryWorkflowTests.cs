using ChatOpsReply.Library.Curation;
using ChatOpsReply.Library.Model;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Library;

/// <summary>Library answers in the life of a post: suggested, verified, audited and counted.</summary>
public sealed class LibraryWorkflowTests : IDisposable
{
    private const string LegalBody = "Hi {customer.name}, we take this seriously. Our customer relations team will email you today about order {order.number}. {agent.name}";

    private readonly ServiceHost _host = new();

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteFolder();
    }

    private Task<CannedAnswer> LegalAnswerAsync() => _host.ApprovedAnswerAsync(new AnswerDocument
    {
        Id = "lawyer-reply",
        Title = "Customer mentions a lawyer",
        Body = LegalBody,
        Placeholders = new Dictionary<string, string?> { ["order.number"] = null },
        Legal = true,
    });

    private async Task<string> ClaimedSensitivePostAsync()
    {
        var postId = await _host.ReceiveAsync("My order never came and I am calling my lawyer.");
        await _host.ActAsync(postId, PostTrigger.Claim, "alice");
        return postId;
    }

    private Task<CommandResult> DraftAsync(string postId, string text, CannedAnswer answer, int? version = null) =>
        _host.ActAsync(postId, PostTrigger.SubmitDraft, "alice", CommandInputFields.Read(PostTrigger.SubmitDraft, name => name switch
        {
            CommandInputFields.Text => text,
            CommandInputFields.AnswerId => answer.Id,
            CommandInputFields.AnswerVersion => (version ?? answer.Version).ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => null,
        }));

    private async Task<string> AuditDetailAsync(string postId) =>
        (await _host.Service<IAuditTrail>().ForPostAsync(postId)).Last(e => e.Action == AuditAction.SubmitDraft).Detail!;

    [Fact]
    public async Task An_unmodified_legal_approved_answer_skips_the_second_approval_and_the_audit_names_it()
    {
        var answer = await LegalAnswerAsync();
        var postId = await ClaimedSensitivePostAsync();

        var result = await DraftAsync(postId, "Hi Ana, we take this seriously. Our customer relations team will email you today about order 4411. Alice", answer);

        Assert.Equal(CommandOutcome.Applied, result.Outcome);
        var post = await _host.PostAsync(postId);
        Assert.Equal(PostState.Approved, post.State);
        Assert.Equal(new CannedAnswerUse(answer.Id, answer.Version, true, true), post.Draft!.Answer);
        Assert.EndsWith($"[answer lawyer-reply v{answer.Version}, unmodified]", await AuditDetailAsync(postId), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Any_edit_sends_the_reply_through_approval_and_the_audit_says_it_was_edited()
    {
        var answer = await LegalAnswerAsync();
        var postId = await ClaimedSensitivePostAsync();

        await DraftAsync(postId, "Hi Ana, we take this seriously and admit it was our fault. Our customer relations team will email you today about order 4411. Alice", answer);

        Assert.Equal(PostState.AwaitingApproval, (await _host.PostAsync(postId)).State);
        Assert.EndsWith($"[answer lawyer-reply v{answer.Version}, edited]", await AuditDetailAsync(postId), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_approved_by_a_manager_but_not_by_legal_still_needs_legal_on_a_sensitive_post()
    {
        var answer = await _host.ApprovedAnswerAsync(new AnswerDocument { Id = "plain", Title = "Sorry", Body = "Hi {customer.name}, we are sorry and are looking into it now. {agent.name}" });
        var postId = await ClaimedSensitivePostAsync();

        await DraftAsync(postId, "Hi Ana, we are sorry and are looking into it now. Alice", answer);

        Assert.Equal(PostState.AwaitingApproval, (await _host.PostAsync(postId)).State);
        Assert.EndsWith("[answer plain v2, unmodified]", await AuditDetailAsync(postId), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Words_of_a_version_since_replaced_need_approval_and_are_recorded_as_that_version()
    {
        var v2 = await LegalAnswerAsync();
        var curation = _host.Service<LibraryCuration>();
        var edited = await curation.EditAsync(_host.Person("dan"), v2.Id, v2.Version, new AnswerDocument
        {
            Title = v2.Title,
            Body = "Hi {customer.name}, our customer relations team will call you today. {agent.name}",
            Legal = true,
        });
        await curation.ApproveAsync(_host.Person("lena"), v2.Id, edited.Answer!.Version);
        var postId = await ClaimedSensitivePostAsync();

        await DraftAsync(postId, "Hi Ana, we take this seriously. Our customer relations team will email you today about order 4411. Alice", v2);

        Assert.Equal(PostState.AwaitingApproval, (await _host.PostAsync(postId)).State);
        Assert.EndsWith("[answer lawyer-reply v2, unmodified]", await AuditDetailAsync(postId), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_draft_naming_an_answer_that_does_not_exist_is_an_ordinary_draft()
    {
        var postId = await ClaimedSensitivePostAsync();
        var ghost = new CannedAnswer { Id = "ghost", Version = 1, Title = "", Body = "", Owner = "dan", ChangedBy = "dan", ChangedAt = TestConfig.Start, Change = "" };

        await DraftAsync(postId, "Hi Ana, we are looking into this today and will write back soon.", ghost);

        var post = await _host.PostAsync(postId);
        Assert.Equal(PostState.AwaitingApproval, post.State);
        Assert.Null(post.Draft!.Answer);
    }

    [Fact]
    public async Task Sending_a_reply_made_from_an_answer_counts_one_use_with_its_time()
    {
        var answer = await LegalAnswerAsync();
        var postId = await ClaimedSensitivePostAsync();
        await DraftAsync(postId, "Hi Ana, we take this seriously. Our customer relations team will email you today about order 4411. Alice", answer);
        _host.Time.Advance(TimeSpan.FromMinutes(3));

        await _host.ActAsync(postId, PostTrigger.Send, "alice", key: "send-1");
        await _host.ActAsync(postId, PostTrigger.Send, "alice", key: "send-1");

        var usage = (await _host.Service<ICannedAnswerStore>().UsageAsync())[answer.Id];
        Assert.Equal(1, usage.Count);
        Assert.Equal(_host.Time.GetUtcNow().ToUnixTimeMilliseconds(), usage.LastUsedAt!.Value.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task The_draft_action_offers_the_best_approved_answers_for_the_post_and_its_queue()
    {
        await _host.SeedAsync([.. GeneratedLibrary.Answers(1000)]);
        var postId = await _host.ReceiveAsync("Hi, I was charged twice for my new monitor. I want a refund of the second payment.");
        await _host.ActAsync(postId, PostTrigger.Claim, "bob");
        var post = await _host.PostAsync(postId);

        var draft = _host.Service<PostCardBuilder>().Build(post, _host.Person("bob")).Actions.Single(a => a.Id == nameof(PostTrigger.SubmitDraft));

        var choice = draft.Inputs[0];
        Assert.Equal((CommandInputFields.AnswerId, false), (choice.Id, choice.Required));
        Assert.Equal(CommandInputFields.Text, draft.Inputs[1].Id);
        Assert.Equal(GeneratedLibrary.IdOf("double-charge", "monitor"), choice.Choices![0].Value);
        Assert.Equal("Charged twice for a monitor", choice.Choices[0].Title);
        Assert.InRange(choice.Choices.Count, 1, 5);
        var byId = GeneratedLibrary.Answers(1000).ToDictionary(a => a.Id);
        Assert.All(choice.Choices, c => Assert.True(byId[c.Value].Status == AnswerStatus.Approved && byId[c.Value].Queues.Contains("billing")));
    }

    [Fact]
    public async Task With_no_answer_that_fits_the_draft_action_has_only_the_reply()
    {
        var postId = await ClaimedSensitivePostAsync();

        var draft = _host.Service<PostCardBuilder>().Build(await _host.PostAsync(postId), null).Actions.Single(a => a.Id == nameof(PostTrigger.SubmitDraft));

        Assert.Equal([CommandInputFields.Text], draft.Inputs.Select(i => i.Id));
    }
}
