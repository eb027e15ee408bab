using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Library;

/// <summary>/api/answers: API keys with roles, the library's rules, and problem+json naming the field.</summary>
public sealed class AnswersApiTests : IDisposable
{
    private const string ManagerKey = "manager-key-0123456789-abcdefghijklmnop";
    private const string LegalKey = "legal-key-0123456789-abcdefghijklmnopqrs";
    private const string ReaderKey = "reader-key-0123456789-abcdefghijklmnopq";

    private readonly ServiceHost _host = new(new Dictionary<string, string?>
    {
        ["Library:ApiKeys:0:Name"] = "Intranet sync",
        ["Library:ApiKeys:0:Key"] = ManagerKey,
        ["Library:ApiKeys:0:Role"] = "manager",
        ["Library:ApiKeys:1:Name"] = "Legal desk",
        ["Library:ApiKeys:1:Key"] = LegalKey,
        ["Library:ApiKeys:1:Role"] = "legal",
        ["Library:ApiKeys:2:Name"] = "Help centre",
        ["Library:ApiKeys:2:Key"] = ReaderKey,
        ["Library:ApiKeys:2:Role"] = "frontline",
    });

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteFolder();
    }

    private HttpClient Client(string? key)
    {
        var client = _host.NewClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Theory]
    [InlineData(null, "An API key is required")]
    [InlineData("not-a-key", "The API key is not valid")]
    [InlineData(ManagerKey + "x", "The API key is not valid")]
    public async Task A_request_without_a_valid_key_is_refused_before_anything_is_read(string? key, string title)
    {
        using var client = Client(key);

        using var response = await client.PostAsync("/api/answers", Json("{ not json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer realm=\"answers\"", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal(title, (await BodyAsync(response)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_manager_key_creates_a_draft_legal_approves_it_and_a_reader_finds_it()
    {
        using var manager = Client(ManagerKey);
        using var legal = Client(LegalKey);
        using var reader = Client(ReaderKey);

        using var created = await manager.PostAsync("/api/answers", Json("""{ "id": "court", "title": "Court letters", "body": "Hi {customer.name}, please send the letter to legal@example.com.", "legal": true, "tags": ["legal"] }"""));
        using var byManager = await manager.PostAsync("/api/answers/court/approval", Json("""{ "version": 1 }"""));
        using var byLegal = await legal.PostAsync("/api/answers/court/approval", Json("""{ "version": 1 }"""));
        using var found = await reader.GetAsync("/api/answers?q=cort%20leter&status=approved");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("draft", (await BodyAsync(created)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, byManager.StatusCode);
        Assert.Equal("Only legal can approve an answer marked legal.", (await BodyAsync(byManager)).GetProperty("detail").GetString());
        var approved = await BodyAsync(byLegal);
        Assert.Equal(("approved", "api:legal-desk", 2), (approved.GetProperty("status").GetString(), approved.GetProperty("legalApprovedBy").GetString(), approved.GetProperty("version").GetInt32()));
        var answers = (await BodyAsync(found)).GetProperty("answers");
        Assert.Equal("court", answers[0].GetProperty("id").GetString());
        Assert.True(answers[0].GetProperty("legalApproved").GetBoolean());
    }

    [Fact]
    public async Task A_reader_key_cannot_change_the_library()
    {
        using var reader = Client(ReaderKey);

        using var response = await reader.PostAsync("/api/answers", Json("""{ "title": "T", "body": "B" }"""));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.StartsWith("Only managers can add answers", (await BodyAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_fields_come_back_as_problem_json_naming_each_field()
    {
        using var manager = Client(ManagerKey);

        using var invalid = await manager.PostAsync("/api/answers", Json("""{ "title": "", "body": "Hi {nobody}", "queues": ["nowhere"] }"""));
        using var wrongType = await manager.PostAsync("/api/answers", Json("""{ "title": "T", "tags": "refund" }"""));
        using var noVersion = await manager.PutAsync("/api/answers/x", Json("""{ "title": "T", "body": "B" }"""));
        using var badSearch = await manager.GetAsync("/api/answers?status=published&limit=0");

        Assert.Equal(["body", "queues", "title"], (await BodyAsync(invalid)).GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(["tags"], (await BodyAsync(wrongType)).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["version"], (await BodyAsync(noVersion)).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["limit", "status"], (await BodyAsync(badSearch)).GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
        Assert.All([invalid, wrongType, noVersion, badSearch], r => Assert.Equal(("application/problem+json", HttpStatusCode.BadRequest), (r.Content.Headers.ContentType?.MediaType, r.StatusCode)));
    }

    [Fact]
    public async Task An_edit_of_an_old_version_is_a_conflict_and_the_history_shows_every_version()
    {
        using var manager = Client(ManagerKey);
        (await manager.PostAsync("/api/answers", Json("""{ "id": "hours", "title": "Hours", "body": "We open at nine." }"""))).Dispose();
        (await manager.PutAsync("/api/answers/hours", Json("""{ "version": 1, "title": "Hours", "body": "We open at eight." }"""))).Dispose();

        using var stale = await manager.PutAsync("/api/answers/hours", Json("""{ "version": 1, "title": "Hours", "body": "We open at ten." }"""));
        using var history = await manager.GetAsync("/api/answers/hours/history");
        using var missing = await manager.GetAsync("/api/answers/nothing");

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("it is now version 2", (await BodyAsync(stale)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(["We open at nine.", "We open at eight."], (await BodyAsync(history)).EnumerateArray().Select(v => v.GetProperty("body").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Import_with_a_bad_row_answers_problem_json_by_line_and_imports_nothing()
    {
        using var manager = Client(ManagerKey);
        using var content = new StringContent("title,body,queues\nGood,Fine text,\nBad,Text,nowhere\n", Encoding.UTF8, "text/csv");

        using var response = await manager.PostAsync("/api/answers/import", content);
        using var all = await manager.GetAsync("/api/answers?status=all");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await BodyAsync(response);
        Assert.Equal("Nothing was imported", problem.GetProperty("title").GetString());
        Assert.Equal(["line 3: queues"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(0, (await BodyAsync(all)).GetProperty("answers").GetArrayLength());
    }

    [Fact]
    public async Task An_answer_is_personalised_for_a_post_and_a_sent_reply_can_be_proposed()
    {
        using var manager = Client(ManagerKey);
        (await manager.PostAsync("/api/answers", Json("""{ "id": "thanks", "title": "Thanks", "body": "Thanks {customer.name}! {agent.name}" }"""))).Dispose();
        var postId = await _host.ReceiveAsync("Great service today!");
        await _host.ActAsync(postId, PostTrigger.Claim, "alice");
        await _host.ActAsync(postId, PostTrigger.SubmitDraft, "alice", new DraftInput("Thanks so much Ana, that made our day!"));
        await _host.ActAsync(postId, PostTrigger.Send, "alice");

        using var rendering = await manager.GetAsync($"/api/answers/thanks/rendering?postId={postId}&agent=alice");
        using var proposal = await manager.PostAsync("/api/answers/proposals", Json($$"""{ "postId": "{{postId}}" }"""));

        Assert.Equal("Thanks Ana! Alice", (await BodyAsync(rendering)).GetProperty("text").GetString());
        Assert.Equal(HttpStatusCode.Created, proposal.StatusCode);
        Assert.Equal("Thanks so much {customer.name}, that made our day!", (await BodyAsync(proposal)).GetProperty("body").GetString());
    }

    [Fact]
    public async Task Export_gives_json_or_csv_of_every_answer()
    {
        using var manager = Client(ManagerKey);
        (await manager.PostAsync("/api/answers", Json("""{ "id": "a", "title": "A", "body": "Text A" }"""))).Dispose();

        using var json = await manager.GetAsync("/api/answers/export");
        using var csv = await manager.GetAsync("/api/answers/export?format=csv");

        Assert.Equal("a", (await json.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("id").GetString());
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("id,title,body,", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
