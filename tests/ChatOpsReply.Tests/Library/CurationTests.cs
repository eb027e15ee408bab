using ChatOpsReply.Library.Curation;
using ChatOpsReply.Library.Model;
using ChatOpsReply.Library.Search;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Library;

/// <summary>Who may change the library, and what every change leaves behind.</summary>
public sealed class CurationTests : IDisposable
{
    private readonly ServiceHost _host = new();

    private LibraryCuration Curation => _host.Service<LibraryCuration>();

    private static AnswerDocument Refund(bool legal = false) => new()
    {
        Title = "Refund for a late parcel",
        Body = "Hi {customer.name}, your refund is on its way. {agent.name}",
        Tags = ["Refund", " delivery "],
        Queues = ["Billing"],
        Legal = legal,
    };

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteFolder();
    }

    [Fact]
    public async Task A_manager_adds_a_draft_with_tidied_fields_and_an_id_from_its_title()
    {
        var result = await Curation.CreateAsync(_host.Person("dan"), Refund());

        Assert.Equal(CurationOutcome.Saved, result.Outcome);
        var answer = result.Answer!;
        Assert.Equal(("refund-for-a-late-parcel", 1, AnswerStatus.Draft, "dan"), (answer.Id, answer.Version, answer.Status, answer.Owner));
        Assert.Equal(["refund", "delivery"], answer.Tags);
        Assert.Equal(["billing"], answer.Queues);
        Assert.Equal("refund-for-a-late-parcel-2", (await Curation.CreateAsync(_host.Person("dan"), Refund())).Answer!.Id);
    }

    [Fact]
    public async Task Frontline_staff_cannot_add_edit_approve_or_retire_answers()
    {
        var answer = (await Curation.CreateAsync(_host.Person("dan"), Refund())).Answer!;
        var alice = _host.Person("alice");

        Assert.Equal(CurationOutcome.Forbidden, (await Curation.CreateAsync(alice, Refund())).Outcome);
        Assert.Equal("Only managers can edit answers.", (await Curation.EditAsync(alice, answer.Id, 1, Refund())).Message);
        Assert.Equal("Only managers can approve answers.", (await Curation.ApproveAsync(alice, answer.Id, 1)).Message);
        Assert.Equal("Only managers can retire answers.", (await Curation.RetireAsync(alice, answer.Id, 1)).Message);
        Assert.Single(await _host.Service<ICannedAnswerStore>().HistoryAsync(answer.Id));
    }

    [Fact]
    public async Task An_answer_marked_legal_is_approved_only_by_legal_who_is_recorded_with_the_time()
    {
        var answer = (await Curation.CreateAsync(_host.Person("dan"), Refund(legal: true))).Answer!;

        var byManager = await Curation.ApproveAsync(_host.Person("dan"), answer.Id, 1);
        var byLegal = await Curation.ApproveAsync(_host.Person("lena"), answer.Id, 1);

        Assert.Equal((CurationOutcome.Forbidden, "Only legal can approve an answer marked legal."), (byManager.Outcome, byManager.Message));
        Assert.Equal(CurationOutcome.Saved, byLegal.Outcome);
        Assert.Equal(new LegalApproval("lena", _host.Time.GetUtcNow()), byLegal.Answer!.LegalApproval);
        Assert.True(byLegal.Answer.IsLegalApproved);
    }

    [Fact]
    public async Task An_answer_marked_legal_is_approved_by_whoever_approves_legal_posts()
    {
        using var host = new ServiceHost(new Dictionary<string, string?> { ["Accountability:Sensitivities:0:ApproverRole"] = "crisis" });
        var curation = host.Service<LibraryCuration>();
        var answer = (await curation.CreateAsync(host.Person("dan"), Refund(legal: true))).Answer!;

        var byLegal = await curation.ApproveAsync(host.Person("lena"), answer.Id, 1);
        var byCrisis = await curation.ApproveAsync(host.Person("sam"), answer.Id, 1);

        Assert.Equal((CurationOutcome.Forbidden, "Only crisis can approve an answer marked legal."), (byLegal.Outcome, byLegal.Message));
        Assert.Equal(("sam", true), (byCrisis.Answer!.LegalApproval!.By, byCrisis.Answer.IsLegalApproved));
        host.DeleteFolder();
    }

    [Fact]
    public async Task Legal_does_not_approve_answers_that_are_not_marked_legal_and_a_manager_approval_is_not_legal_approval()
    {
        var answer = (await Curation.CreateAsync(_host.Person("dan"), Refund())).Answer!;

        Assert.Equal("Only managers can approve answers.", (await Curation.ApproveAsync(_host.Person("lena"), answer.Id, 1)).Message);
        var approved = (await Curation.ApproveAsync(_host.Person("dan"), answer.Id, 1)).Answer!;
        Assert.Equal(AnswerStatus.Approved, approved.Status);
        Assert.False(approved.IsLegalApproved);
    }

    [Fact]
    public async Task Changing_the_words_of_an_approved_answer_makes_it_a_draft_again_but_retagging_it_does_not()
    {
        var approved = await _host.ApprovedAnswerAsync(Refund(legal: true));

        var retagged = await Curation.EditAsync(_host.Person("dan"), approved.Id, approved.Version, Refund(legal: true) with { Tags = ["refund", "parcel"] });
        var reworded = await Curation.EditAsync(_host.Person("dan"), approved.Id, retagged.Answer!.Version, Refund(legal: true) with { Tags = ["refund", "parcel"], Body = "Hi {customer.name}, your money is on its way. {agent.name}" });

        Assert.Equal((AnswerStatus.Approved, true), (retagged.Answer.Status, retagged.Answer.IsLegalApproved));
        Assert.Equal((AnswerStatus.Draft, (LegalApproval?)null), (reworded.Answer!.Status, reworded.Answer.LegalApproval));
        Assert.Contains("it is a draft again", reworded.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_change_is_kept_as_a_version_with_who_and_when()
    {
        var created = (await Curation.CreateAsync(_host.Person("dan"), Refund())).Answer!;
        _host.Time.Advance(TimeSpan.FromMinutes(5));
        await Curation.EditAsync(_host.Person("ada"), created.Id, 1, Refund() with { Title = "Refunds for late parcels" });
        _host.Time.Advance(TimeSpan.FromMinutes(5));
        await Curation.ApproveAsync(_host.Person("dan"), created.Id, 2);
        await Curation.RetireAsync(_host.Person("ada"), created.Id, 3);

        var history = await _host.Service<ICannedAnswerStore>().HistoryAsync(created.Id);

        Assert.Equal(
            [(1, "dan", "created", "Refund for a late parcel"), (2, "ada", "edited", "Refunds for late parcels"), (3, "dan", "approved", "Refunds for late parcels"), (4, "ada", "retired", "Refunds for late parcels")],
            history.Select(h => (h.Version, h.ChangedBy, h.Change, h.Title)));
        Assert.Equal(TestConfig.Start.AddMinutes(10).ToUnixTimeMilliseconds(), history[2].ChangedAt.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task An_edit_of_a_version_someone_else_has_moved_on_from_is_refused_with_their_name()
    {
        var created = (await Curation.CreateAsync(_host.Person("dan"), Refund())).Answer!;
        await Curation.EditAsync(_host.Person("ada"), created.Id, 1, Refund() with { Title = "Ada's title" });

        var late = await Curation.EditAsync(_host.Person("dan"), created.Id, 1, Refund() with { Title = "Dan's title" });

        Assert.Equal(CurationOutcome.Conflict, late.Outcome);
        Assert.Equal("Ada Admin changed this answer since you opened it (it is now version 2): look at it again first.", late.Message);
        Assert.Equal("Ada's title", (await _host.Service<ICannedAnswerStore>().GetAsync(created.Id))!.Title);
    }

    [Fact]
    public async Task Invalid_fields_are_reported_by_field_and_nothing_is_saved()
    {
        var result = await Curation.CreateAsync(_host.Person("dan"), new AnswerDocument
        {
            Title = " ",
            Body = "Hi {customer.name}, order {order.number} is late.",
            Queues = ["nowhere"],
            Language = "english please",
            Placeholders = new Dictionary<string, string?> { ["Bad Name"] = "x" },
        });

        Assert.Equal(CurationOutcome.Invalid, result.Outcome);
        Assert.Equal(["body", "language", "placeholders", "queues", "title"], result.Errors.Keys.Order());
        Assert.Contains("{order.number} is not a known placeholder", result.Errors["body"][0], StringComparison.Ordinal);
        Assert.Empty((await _host.Service<ICannedAnswerStore>().ChangesSinceAsync(0)).Answers);
    }

    [Fact]
    public async Task Anyone_can_save_a_sent_reply_as_a_draft_answer_with_names_turned_into_placeholders()
    {
        var postId = await _host.ReceiveAsync("Where is my parcel? It is a week late.");
        await _host.ActAsync(postId, PostTrigger.Claim, "alice");
        await _host.ActAsync(postId, PostTrigger.SubmitDraft, "alice", new DraftInput("Hi Ana, your parcel left our warehouse today and arrives tomorrow. Alice"));
        await _host.ActAsync(postId, PostTrigger.Send, "alice");

        var proposed = await Curation.ProposeAsync(_host.Person("bob"), postId, 1);
        var again = await Curation.ProposeAsync(_host.Person("alice"), postId, 1);
        var missing = await Curation.ProposeAsync(_host.Person("bob"), postId, 2);

        Assert.Equal(CurationOutcome.Saved, proposed.Outcome);
        var answer = proposed.Answer!;
        Assert.Equal(("Hi {customer.name}, your parcel left our warehouse today and arrives tomorrow. {agent.name}", AnswerStatus.Draft, "bob", $"{postId}#1"), (answer.Body, answer.Status, answer.Owner, answer.ProposedFrom));
        Assert.Equal("Your parcel left our warehouse today and arrives tomorrow", answer.Title);
        Assert.Equal((CurationOutcome.Unchanged, answer.Id), (again.Outcome, again.Answer!.Id));
        Assert.Equal("This post has no reply number 2.", missing.Message);
    }

    [Fact]
    public async Task A_retired_answer_is_no_longer_offered_but_still_found_when_asked_for()
    {
        var approved = await _host.ApprovedAnswerAsync(Refund());
        await Curation.RetireAsync(_host.Person("dan"), approved.Id, approved.Version);
        var library = _host.Service<AnswerLibrary>();

        Assert.Empty(await library.SearchAsync("refund", AnswerFilters.None, 10));
        var retired = await library.SearchAsync("refund", new AnswerFilters { Statuses = new HashSet<AnswerStatus> { AnswerStatus.Retired } }, 10);
        Assert.Equal([approved.Id], retired.Select(r => r.Id));
    }
}
