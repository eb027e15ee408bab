using System.Net;
using System.Net.Http.Headers;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Console;

/// <summary>Nothing about a customer reaches anyone not signed in; console responses carry the headers that keep pages safe.</summary>
public sealed class ConsolePrivacyTests : IDisposable
{
    private readonly ServiceHost _host = new();

    [Theory]
    [InlineData("/console")]
    [InlineData("/console/posts/{id}")]
    [InlineData("/console/posts/{id}/card")]
    [InlineData("/console/library")]
    [InlineData("/console/library/export.json")]
    [InlineData("/console/events")]
    public async Task Someone_not_signed_in_gets_nothing_about_customers(string path)
    {
        var postId = await _host.ReceiveAsync("Ana's order 4411 never came");
        using var client = _host.NewClient();

        using var response = await client.GetAsync(path.Replace("{id}", postId, StringComparison.Ordinal));
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Unauthorized, $"{path} answered {(int)response.StatusCode}");
        Assert.DoesNotContain("4411", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_stays_open_to_anyone()
    {
        using var client = _host.NewClient();

        Assert.Equal("ok", await client.GetStringAsync("/healthz"));
    }

    [Fact]
    public async Task Console_pages_carry_a_script_policy_without_inline_script_and_no_framing()
    {
        var alice = new ConsoleSession(_host.NewClient());
        await alice.SignInAsync("alice");

        using var response = await alice.Client.GetAsync("/console");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)", html);
        Assert.DoesNotMatch(" on[a-z]+=\"", html);
    }

    [Fact]
    public async Task The_sign_in_cookie_is_http_only_and_same_site_lax_and_secure_over_https()
    {
        using var overHttp = _host.NewClient();
        using var overHttps = _host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });

        var plain = await SignInCookieAsync(overHttp);
        var secure = await SignInCookieAsync(overHttps);

        Assert.Contains("httponly", plain, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", plain, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", plain.Replace("samesite", "", StringComparison.OrdinalIgnoreCase), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; secure", secure, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/console\r\nSet-Cookie: x=1")]
    [InlineData("/console/posts/1\n")]
    public async Task A_return_path_with_line_breaks_is_refused_before_the_click_is_applied(string returnTo)
    {
        var postId = await _host.ReceiveAsync("Where is my order?");
        var alice = new ConsoleSession(_host.NewClient());
        await alice.SignInAsync("alice");

        using var response = await alice.SubmitAsync(postId, nameof(PostTrigger.Claim), new Dictionary<string, string> { ["returnTo"] = returnTo });
        var problem = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("\"field\":\"returnTo\"", problem, StringComparison.Ordinal);
        Assert.Equal((PostState.Open, 1L), ((await _host.PostAsync(postId)).State, (await _host.PostAsync(postId)).Version));
    }

    private static async Task<string> SignInCookieAsync(HttpClient client)
    {
        var page = await client.GetStringAsync("/console/sign-in");
        using var response = await client.PostAsync("/console/identity", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ConsoleSession.FormToken(page),
            ["person"] = "alice",
            ["returnTo"] = "/console",
        }));
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("chatopsreply.console=", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteFolder();
    }
}
