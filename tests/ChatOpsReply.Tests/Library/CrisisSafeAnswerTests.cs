using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ChatOpsReply.Crises;
using ChatOpsReply.Library.Curation;
using ChatOpsReply.Library.ImportExport;
using ChatOpsReply.Library.Model;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Library;

/// <summary>
/// While a crisis is declared, only answers marked crisis-safe are offered: in a post's suggestions, in the answers
/// API's search (what the Slack and Teams searches go through too, AnswerLibrary), but not hidden from curators.
/// </summary>
public sealed class CrisisSafeAnswerTests : IDisposable
{
    private const string ReaderKey = "reader-key-0123456789-abcdefghijklmnopq";

    private readonly ServiceHost _host = new(new Dictionary<string, string?>
    {
        ["Library:ApiKeys:0:Name"] = "Help centre",
        ["Library:ApiKeys:0:Key"] = ReaderKey,
        ["Library:ApiKeys:0:Role"] = "frontline",
    });

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteFolder();
    }

    [Fact]
    public async Task While_a_crisis_is_declared_suggestions_and_search_offer_only_crisis_safe_answers_and_curators_still_see_all()
    {
        await _host.ApprovedAnswerAsync(new AnswerDocument { Id = "cheerful", Title = "App outage, cheerful", Body = "Hi {customer.name}, the app outage is nothing, try again!" });
        await _host.ApprovedAnswerAsync(new AnswerDocument { Id = "holding", Title = "App outage, holding line", Body = "Hi {customer.name}, we know about the app outage and are working on it.", CrisisSafe = true });
        var post = await _host.PostAsync(await _host.ReceiveAsync("The app outage again, nothing works"));
        var suggestions = _host.Service<IAnswerSuggestions>();
        Assert.Equal(["cheerful", "holding"], suggestions.Suggest(post).Select(c => c.Value).Order(StringComparer.Ordinal));
        Assert.Equal(["cheerful", "holding"], await SearchAsync("outage"));

        var declarations = _host.Service<CrisisDeclarations>();
        var sam = _host.Person("sam");
        var (crisis, _) = await declarations.DeclareAsync(declarations.Candidate("billing", "invoice", _host.Time.GetUtcNow(), sam)!, sam, CancellationToken.None);

        // A crisis anywhere hides the answers not marked crisis-safe everywhere.
        Assert.Equal(["holding"], suggestions.Suggest(post).Select(c => c.Value));
        Assert.Equal(["holding"], await SearchAsync("outage"));
        var console = new ConsoleSession(_host.NewClient());
        await console.SignInAsync("dan");
        var library = await console.PageAsync("/console/library");
        Assert.Contains("App outage, cheerful", library, StringComparison.Ordinal);
        Assert.Contains("hidden while a crisis is declared", await console.PageAsync("/console/library/cheerful"), StringComparison.Ordinal);

        await declarations.ResolveAsync(crisis!.Id, sam, SurfaceNames.Console, CancellationToken.None);
        Assert.Equal(["cheerful", "holding"], await SearchAsync("outage"));
    }

    [Fact]
    public async Task The_crisis_safe_mark_goes_out_in_csv_and_json_exports_and_comes_back_in_with_imports()
    {
        await _host.ApprovedAnswerAsync(new AnswerDocument { Id = "holding", Title = "Holding line", Body = "Hi {customer.name}, we are on it.", CrisisSafe = true });
        await _host.ApprovedAnswerAsync(new AnswerDocument { Id = "plain", Title = "Plain", Body = "Hi {customer.name}, thanks." });
        var answers = (await _host.Service<ICannedAnswerStore>().ChangesSinceAsync(0)).Answers;

        var csv = Encoding.UTF8.GetString(AnswerExport.Csv(answers, new Dictionary<string, AnswerUsage>()));
        var json = JsonDocument.Parse(AnswerExport.Json(answers, new Dictionary<string, AnswerUsage>())).RootElement;
        Assert.EndsWith(",crisisSafe", csv.Split('\n')[0].TrimEnd('\r'), StringComparison.Ordinal);
        Assert.Equal([("holding", true), ("plain", false)], json.EnumerateArray().Select(a => (a.GetProperty("id").GetString()!, a.GetProperty("crisisSafe").GetBoolean())).OrderBy(a => a.Item1, StringComparer.Ordinal));

        var result = await _host.Service<LibraryCuration>().ImportAsync(_host.Person("dan"), AnswerImport.Read(Encoding.UTF8.GetBytes("title,body,crisisSafe\nStatement,\"Hi {customer.name}, we are on it.\",yes\nOther,Hi there,no\n"), csv: true));
        Assert.Empty(result.Errors);
        var imported = (await _host.Service<ICannedAnswerStore>().ChangesSinceAsync(0)).Answers.Where(a => a.Change == "imported").ToDictionary(a => a.Title, a => a.CrisisSafe);
        Assert.Equal(new Dictionary<string, bool> { ["Statement"] = true, ["Other"] = false }, imported);

        var bad = await _host.Service<LibraryCuration>().ImportAsync(_host.Person("dan"), AnswerImport.Read(Encoding.UTF8.GetBytes("title,body,crisisSafe\nStatement,Hi there,maybe\n"), csv: true));
        Assert.Equal(["Line 2, crisisSafe: \"maybe\" is not yes or no (true or false)."], bad.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public async Task Marking_an_approved_answer_crisis_safe_in_the_console_needs_approval_again()
    {
        var answer = await _host.ApprovedAnswerAsync(new AnswerDocument { Id = "plain", Title = "Plain", Body = "Hi {customer.name}, thanks." });
        var console = new ConsoleSession(_host.NewClient());
        await console.SignInAsync("dan");
        var page = await console.PageAsync("/console/library/plain");
        Assert.Contains("name=\"crisisSafe\"", page, StringComparison.Ordinal);

        using var saved = await console.Client.PostAsync("/console/library/plain", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ConsoleSession.FormToken(page),
            ["version"] = answer.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["title"] = answer.Title,
            ["body"] = answer.Body,
            ["language"] = answer.Language,
            ["crisisSafe"] = "true",
        }));

        var now = await _host.Service<ICannedAnswerStore>().GetAsync("plain");
        Assert.True(now!.CrisisSafe);
        // An approver vouches for the mark as for the words.
        Assert.Equal(AnswerStatus.Draft, now.Status);
    }

    private async Task<List<string>> SearchAsync(string words)
    {
        using var client = _host.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ReaderKey);
        var body = JsonDocument.Parse(await client.GetStringAsync($"/api/answers?q={words}&status=approved")).RootElement;
        return [.. body.GetProperty("answers").EnumerateArray().Select(a => a.GetProperty("id").GetString()!).Order(StringComparer.Ordinal)];
    }
}
