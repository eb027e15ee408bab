using System.Net;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsReply.Tests.Console;

/// <summary>
/// Signing in to the console through a real OpenID Connect provider on 127.0.0.1 (OpenIddict),
/// over real HTTP: code flow with PKCE, the person found by e-mail or subject, roles from a claim,
/// and nobody else let in.
/// </summary>
[Collection(SingleSignOnCollection.Name)]
public sealed class SingleSignOnTests : IAsyncLifetime
{
    private TestOpenIdProvider _provider = null!;
    private ServiceHost _host = null!;

    // Cookies and tokens are checked against real time as browsers keep them; the clock starts now.
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    public async Task InitializeAsync()
    {
        _provider = await TestOpenIdProvider.StartAsync();
        _host = ServiceHost.StartOnKestrel(new Dictionary<string, string?>
        {
            ["Console:DemoIdentities"] = "false",
            ["Console:Authentication:Authority"] = _provider.Authority,
            ["Console:Authentication:ClientId"] = TestOpenIdProvider.ClientId,
            ["Console:Authentication:ClientSecret"] = TestOpenIdProvider.ClientSecret,
            ["Console:Authentication:RequireHttpsMetadata"] = "false",
            ["Console:Authentication:RolesClaim"] = "groups",
            ["Console:Authentication:RoleMappings:grp-legal-2f9c"] = "legal",
            ["Accountability:People:0:Email"] = "alice@example.com",
            ["Accountability:People:1:SignInSubject"] = "okta|00u-bob",
            ["Accountability:People:8:Email"] = "olga@example.com",
        }, time: _time);
    }

    [Fact]
    public async Task A_person_signs_in_with_code_and_PKCE_and_is_found_by_their_e_mail()
    {
        await _host.ReceiveAsync("Where is my order 4411?");
        using var browser = new SignInBrowser();
        _provider.SignInNext(new Dictionary<string, string[]> { ["sub"] = ["u-1"], ["email"] = ["Alice@Example.com"], ["name"] = ["Alice M."] });

        var page = await browser.OpenAsync($"{_host.BaseUrl}/console");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Alice Martin", page.Html, StringComparison.Ordinal);
        Assert.Contains("Where is my order 4411?", page.Html, StringComparison.Ordinal);
        var authorize = Assert.Single(_provider.AuthorizationRequests);
        // No response_mode is the code flow's default, query: the code comes back on a GET, so Lax cookies go with it.
        Assert.Equal(("code", "S256", "query"), (authorize["response_type"], authorize["code_challenge_method"], authorize.GetValueOrDefault("response_mode", "query")));
        Assert.Matches("^[A-Za-z0-9_-]{43}$", authorize["code_challenge"]);
        Assert.Contains(browser.Cookies(_host.BaseUrl), c => c.Name == "chatopsreply.console" && c.HttpOnly);
    }

    [Fact]
    public async Task A_person_without_a_matching_e_mail_is_found_by_their_subject()
    {
        using var browser = new SignInBrowser();
        _provider.SignInNext(new Dictionary<string, string[]> { ["sub"] = ["okta|00u-bob"] });

        var page = await browser.OpenAsync($"{_host.BaseUrl}/console");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Bob Okafor", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Roles_come_from_the_providers_groups_claim_on_top_of_the_configured_ones()
    {
        var postId = await _host.ReceiveAsync("My lawyer will call you about my order.");
        await _host.ActAsync(postId, PostTrigger.Claim, "alice");
        await _host.ActAsync(postId, PostTrigger.SubmitDraft, "alice", new DraftInput("Hi Ana, we are sorry and will call you today."));
        using var browser = new SignInBrowser();
        _provider.SignInNext(new Dictionary<string, string[]> { ["sub"] = ["u-9"], ["email"] = ["olga@example.com"], ["groups"] = ["grp-everyone", "grp-legal-2f9c"] });

        await browser.OpenAsync($"{_host.BaseUrl}/console");
        var post = await browser.OpenAsync($"{_host.BaseUrl}/console/posts/{postId}");

        Assert.Contains("Roles: legal", post.Html, StringComparison.Ordinal);
        Assert.Contains("Approve", ConsoleSession.Buttons(post.Html));
    }

    [Fact]
    public async Task Someone_signed_in_but_not_configured_sees_a_page_saying_so_and_nothing_about_customers()
    {
        var postId = await _host.ReceiveAsync("Where is my order 4411?");
        using var browser = new SignInBrowser();
        _provider.SignInNext(new Dictionary<string, string[]> { ["sub"] = ["u-7"], ["email"] = ["zed@example.com"] });

        var first = await browser.OpenAsync($"{_host.BaseUrl}/console");
        var post = await browser.OpenAsync($"{_host.BaseUrl}/console/posts/{postId}");
        var events = await browser.FetchAsync($"{_host.BaseUrl}/console/events");

        Assert.Equal(HttpStatusCode.Forbidden, first.Status);
        Assert.Contains("You are signed in, but not set up in ChatOpsReply", first.Html, StringComparison.Ordinal);
        Assert.Contains("zed@example.com", first.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("4411", first.Html + post.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, events);
    }

    [Fact]
    public async Task An_unverified_e_mail_does_not_sign_anyone_in_as_its_owner()
    {
        using var browser = new SignInBrowser();
        _provider.SignInNext(new Dictionary<string, string[]> { ["sub"] = ["u-8"], ["email"] = ["alice@example.com"], ["email_verified"] = ["false"] });

        var page = await browser.OpenAsync($"{_host.BaseUrl}/console");

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.DoesNotContain("Alice Martin", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tampered_sign_in_cookie_is_refused()
    {
        using var browser = new SignInBrowser();
        _provider.SignInNext(new Dictionary<string, string[]> { ["sub"] = ["u-1"], ["email"] = ["alice@example.com"] });
        await browser.OpenAsync($"{_host.BaseUrl}/console");

        browser.Tamper(_host.BaseUrl, "chatopsreply.console");

        Assert.Equal(HttpStatusCode.Found, await browser.FetchAsync($"{_host.BaseUrl}/console", page: true));
        Assert.Equal(HttpStatusCode.Unauthorized, await browser.FetchAsync($"{_host.BaseUrl}/console/events"));
    }

    [Fact]
    public async Task An_expired_sign_in_is_refused_and_a_visit_within_the_lifetime_keeps_it()
    {
        using var browser = new SignInBrowser();
        _provider.SignInNext(new Dictionary<string, string[]> { ["sub"] = ["u-1"], ["email"] = ["alice@example.com"] });
        await browser.OpenAsync($"{_host.BaseUrl}/console");

        _time.Advance(TimeSpan.FromHours(7));
        Assert.Equal(HttpStatusCode.OK, await browser.FetchAsync($"{_host.BaseUrl}/console", page: true));
        _time.Advance(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(1));

        Assert.Equal(HttpStatusCode.Found, await browser.FetchAsync($"{_host.BaseUrl}/console", page: true));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _host.DeleteFolder();
        await _provider.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SingleSignOnCollection
{
    public const string Name = "Single sign-on";
}
