using System.Text;
using ChatOpsReply.Library.Curation;
using ChatOpsReply.Library.ImportExport;
using ChatOpsReply.Library.Model;
using ChatOpsReply.Library.Search;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Library;

/// <summary>Managers move libraries between environments and spreadsheets: all or nothing, problems by line.</summary>
public sealed class ImportExportTests : IDisposable
{
    private readonly ServiceHost _host = new();

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteFolder();
    }

    private Task<ImportResult> ImportAsync(string content, bool csv, string who = "dan") =>
        _host.Service<LibraryCuration>().ImportAsync(_host.Person(who), AnswerImport.Read(Encoding.UTF8.GetBytes(content), csv));

    private async Task<IReadOnlyList<CannedAnswer>> AllAsync() => (await _host.Service<ICannedAnswerStore>().ChangesSinceAsync(0)).Answers;

    [Fact]
    public async Task The_demo_library_the_readme_offers_imports_whole_with_the_legal_answer_left_for_legal()
    {
        var result = await ImportAsync(File.ReadAllText(Repository.PathOf("bot", "Library", "demo-answers.json")), csv: false);

        Assert.Empty(result.Errors);
        var answers = await AllAsync();
        Assert.Equal(5, answers.Count);
        Assert.Equal(["lawyer-mentioned"], answers.Where(a => a.Status != AnswerStatus.Approved).Select(a => a.Id));
        Assert.All(answers, a => Assert.Contains("{customer.name}", a.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_csv_with_bad_rows_imports_nothing_and_names_each_bad_line()
    {
        var csv = """
            id,title,body,tags,queues,status,legal
            late,Late parcel,"Hi {customer.name},
            your parcel is late.",delivery,support,approved,no
            ,Wrong queue,Hi there,,nowhere,draft,no
            lawyer,Lawyer,"Hi {customer.name}, we are sorry.",legal,,approved,yes
            ,,No title here,,,,
            late,Late again,Text,,,draft,maybe
            """;

        var result = await ImportAsync(csv, csv: true);

        Assert.Equal(CurationOutcome.Invalid, result.Outcome);
        Assert.Equal(
            [
                "Line 4, queues: There is no queue \"nowhere\"; the queues are billing, office, support.",
                "Line 5, status: Only legal can approve an answer marked legal: import it as a draft for legal to approve.",
                "Line 6, title: Give the answer a title people will recognise.",
                "Line 7, legal: \"maybe\" is not yes or no (true or false).",
                "Line 7, id: \"late\" is already on line 2.",
            ],
            result.Errors.Select(e => e.ToString()));
        Assert.Empty(await AllAsync());
    }

    [Fact]
    public async Task A_json_file_with_bad_entries_reports_their_lines_and_imports_nothing()
    {
        var json = """
            [
              { "title": "Good one", "body": "Hi {customer.name}." },
              {
                "title": "Bad placeholder",
                "body": "Hi {customer.nmae}."
              },
              { "title": "Bad status", "body": "Fine.", "status": "published" }
            ]
            """;

        var result = await ImportAsync(json, csv: false);

        Assert.Equal(
            ["Line 3, body", "Line 7, status"],
            result.Errors.Select(e => $"Line {e.Line}, {e.Field}"));
        Assert.Empty(await AllAsync());
    }

    [Fact]
    public async Task A_json_value_of_the_wrong_type_is_reported_at_its_line_and_field()
    {
        var result = await ImportAsync("[\n{ \"title\": \"A\", \"body\": \"B\" },\n{ \"title\": \"C\",\n \"tags\": \"not-a-list\" }\n]", csv: false);

        var error = Assert.Single(result.Errors);
        Assert.Equal((4, "tags"), (error.Line, error.Field));
        Assert.Empty(await AllAsync());
    }

    [Fact]
    public async Task A_good_file_creates_updates_and_leaves_unchanged_answers_as_it_says()
    {
        await _host.ApprovedAnswerAsync(new AnswerDocument { Id = "hours", Title = "Opening hours", Body = "We open at nine." });
        await _host.ApprovedAnswerAsync(new AnswerDocument { Id = "same", Title = "Same", Body = "Same words." });

        var result = await ImportAsync("""
            [
              { "id": "hours", "title": "Opening hours", "body": "We open at eight.", "status": "approved" },
              { "id": "same", "title": "Same", "body": "Same words.", "status": "approved" },
              { "title": "Brand new", "body": "Hello {customer.name}." }
            ]
            """, csv: false);

        Assert.Equal((CurationOutcome.Saved, 1, 1, 1), (result.Outcome, result.Created, result.Updated, result.Unchanged));
        var all = (await AllAsync()).ToDictionary(a => a.Id);
        Assert.Equal(("We open at eight.", 3, AnswerStatus.Approved, "imported"), (all["hours"].Body, all["hours"].Version, all["hours"].Status, all["hours"].Change));
        Assert.Equal(2, all["same"].Version);
        Assert.Equal(AnswerStatus.Draft, all["brand-new"].Status);
        Assert.Equal(["brand new"], await _host.Service<AnswerLibrary>().SearchAsync("brand", AnswerFilters.None, 5).ContinueWith(t => t.Result.Select(s => s.Title.ToLowerInvariant()).ToList()));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_export_imported_into_a_fresh_service_recreates_the_same_answers(bool csv)
    {
        await _host.SeedAsync([.. GeneratedLibrary.Answers(120).Where(a => !a.NeedsLegal)]);
        await _host.ApprovedAnswerAsync(new AnswerDocument
        {
            Id = "formula",
            Title = "=HYPERLINK(\"evil\")",
            Body = "-1 reasons, \"quoted\", commas, and\nline breaks: {order.number}",
            Placeholders = new Dictionary<string, string?> { ["order.number"] = "your order", ["customer.name"] = null },
            Tags = ["spread sheet"],
            Sources = ["x", "sms"],
            Language = "fr",
        });
        var exported = await AllAsync();
        var usage = await _host.Service<ICannedAnswerStore>().UsageAsync();
        var file = csv ? AnswerExport.Csv(exported, usage) : AnswerExport.Json(exported, usage);

        using var fresh = new ServiceHost();
        var result = await fresh.Service<LibraryCuration>().ImportAsync(fresh.Person("dan"), AnswerImport.Read(file, csv));

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var imported = (await fresh.Service<ICannedAnswerStore>().ChangesSinceAsync(0)).Answers.ToDictionary(a => a.Id);
        Assert.Equal(exported.Count, imported.Count);
        Assert.All(exported, a => Assert.True(a.SameContent(imported[a.Id]) && a.Status == imported[a.Id].Status, $"{a.Id} differs after the round trip"));
        if (csv)
        {
            Assert.Contains("'=HYPERLINK", Encoding.UTF8.GetString(file), StringComparison.Ordinal);
        }

        fresh.Dispose();
        fresh.DeleteFolder();
    }

    [Fact]
    public async Task Only_managers_import()
    {
        var result = await ImportAsync("[{\"title\":\"A\",\"body\":\"B\"}]", csv: false, who: "alice");

        Assert.Equal((CurationOutcome.Forbidden, "Only managers can import answers."), (result.Outcome, result.Message));
    }
}
