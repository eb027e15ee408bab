using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Privacy;

/// <summary>A customer erased through the admin API, on both stores: nothing of them is left to read, and the trail still verifies.</summary>
public sealed class CustomerErasureTests
{
    private const string AdminKey = "admin-key-0123456789-abcdefghijklmnopqr";
    private const string ManagerKey = "manager-key-0123456789-abcdefghijklmnop";

    private static readonly Dictionary<string, string?> Keys = new()
    {
        ["Library:ApiKeys:0:Name"] = "Privacy desk",
        ["Library:ApiKeys:0:Key"] = AdminKey,
        ["Library:ApiKeys:0:Role"] = "admin",
        ["Library:ApiKeys:1:Name"] = "Intranet sync",
        ["Library:ApiKeys:1:Key"] = ManagerKey,
        ["Library:ApiKeys:1:Role"] = "manager",
    };

    public static TheoryData<string> Stores => ["Sqlite", "Redis"];

    private static ServiceHost Host(string store) =>
        new(store == "Redis" ? new Dictionary<string, string?>(Keys.Concat(RedisSettings.Fresh(RedisServer.Shared))) : Keys);

    private static Task<HttpResponseMessage> EraseAsync(HttpClient client, string? key, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/customers/erasure") { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client.SendAsync(request);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task An_erased_customer_s_text_name_and_handle_are_gone_from_posts_drafts_and_audit_and_the_trail_verifies(string store)
    {
        using var host = Host(store);
        var ana = await host.ReceiveAsync("Ana Lopez here: my parcel 4411 never came, my lawyer is next.", externalId: "a1", handle: "@ana", displayName: "Ana Lopez");
        var bob = await host.ReceiveAsync("Bob here, where is my parcel?", externalId: "b1", handle: "@bob", displayName: "Bob Stone");
        Assert.Equal(CommandOutcome.Applied, (await host.ActAsync(ana, PostTrigger.CustomerFollowUp, "system", new FollowUpInput(new FollowUp("a2", "Ana again, still no parcel", TestConfig.Start)))).Outcome);
        Assert.Equal(CommandOutcome.Applied, (await host.ActAsync(ana, PostTrigger.Claim, "alice")).Outcome);
        Assert.Equal(CommandOutcome.Applied, (await host.ActAsync(ana, PostTrigger.SubmitDraft, "alice", new DraftInput("Hi Ana, we are so sorry about parcel 4411."))).Outcome);
        using var client = host.NewClient();

        var response = await EraseAsync(client, AdminKey, """{"source": "x", "handle": "@Ana"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(1, report.GetProperty("posts").GetInt32());
        Assert.True(report.GetProperty("auditEvents").GetInt32() >= 3);
        Assert.StartsWith("Erased @Ana on x: 1 post(s)", report.GetProperty("summary").GetString(), StringComparison.Ordinal);

        var post = await host.PostAsync(ana);
        Assert.Equal((AuditChain.RedactedText, null, AuditChain.RedactedText), (post.Author.Handle, post.Author.DisplayName, post.Text));
        Assert.All(post.FollowUps, f => Assert.Equal(AuditChain.RedactedText, f.Text));
        Assert.Equal(AuditChain.RedactedText, post.Draft!.Text);
        Assert.Equal(PostState.AwaitingApproval, post.State);

        var trail = await host.Service<IAuditTrail>().ForPostAsync(ana);
        var written = JsonSerializer.Serialize(trail);
        foreach (var word in new[] { "Ana", "parcel", "4411", "lawyer" })
        {
            Assert.DoesNotContain(word, written, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal((AuditAction.CustomerErased, "Privacy desk (API key)", "admin API"), (trail[^1].Action, trail[^1].ActorName, trail[^1].Surface));
        Assert.Equal("erased the customer's text, name and handle", PostLabels.PastTense(trail[^1].Action));
        var chain = host.Service<IAuditChain>();
        Assert.Equal(new AuditVerdict(true, trail.Count, null), await AuditChain.VerifyAsync(chain.ForPostAsync(ana), storeWide: false));
        Assert.True((await AuditChain.VerifyAsync(chain.AllAsync(), storeWide: true)).Intact);

        var posts = host.Service<IPostStore>();
        Assert.Empty(await posts.ListAsync(new PostQuery { Source = "x", Handle = "@ana" }));
        Assert.Empty(await posts.ListAsync(new PostQuery { Customer = "ana" }));
        Assert.Empty(await posts.ListAsync(new PostQuery { Text = "lawyer" }));
        Assert.Equal("Bob here, where is my parcel?", (await host.PostAsync(bob)).Text);
        Assert.Single(await posts.ListAsync(new PostQuery { Text = "parcel" }));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Erasing_again_finds_nothing_left_and_says_so(string store)
    {
        using var host = Host(store);
        await host.ReceiveAsync("Where is my parcel?", externalId: "a1", handle: "@ana");
        using var client = host.NewClient();
        (await EraseAsync(client, AdminKey, """{"source": "x", "handle": "@ana"}""")).EnsureSuccessStatusCode();

        var again = await EraseAsync(client, AdminKey, """{"source": "x", "handle": "@ana"}""");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("Nothing to erase: no post from @ana on x.", JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.GetProperty("summary").GetString());
    }

    [Theory]
    [InlineData(null, """{"source": "x", "handle": "@ana"}""", HttpStatusCode.Unauthorized, "An admin API key is required")]
    [InlineData(ManagerKey, """{"source": "x", "handle": "@ana"}""", HttpStatusCode.Forbidden, "Only an admin key may erase a customer")]
    [InlineData(AdminKey, """{"source": "x"}""", HttpStatusCode.BadRequest, "\"handle\" is required")]
    [InlineData(AdminKey, """{"source": "x", "handle": 7}""", HttpStatusCode.BadRequest, "The body is not the JSON expected")]
    [InlineData(AdminKey, """{"source": "x", "handle": "\ud83d"}""", HttpStatusCode.BadRequest, "The body is not the JSON expected")]
    public async Task A_request_without_an_admin_key_or_with_a_bad_body_erases_nothing_and_says_why(string? key, string json, HttpStatusCode status, string title)
    {
        using var host = Host("Sqlite");
        var ana = await host.ReceiveAsync("Where is my parcel?", externalId: "a1", handle: "@ana");
        using var client = host.NewClient();

        var response = await EraseAsync(client, key, json);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(title, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString());
        Assert.Equal("Where is my parcel?", (await host.PostAsync(ana)).Text);
    }
}
