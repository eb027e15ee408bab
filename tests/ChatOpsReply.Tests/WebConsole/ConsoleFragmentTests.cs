using System.Net;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Console;

/// <summary>What app.js asks for instead of pages: a click answered with the card it changed, the card refreshed, the reply checked as it is typed.</summary>
public sealed class ConsoleFragmentTests : IDisposable
{
    private readonly ServiceHost _host = new();

    [Fact]
    public async Task A_click_posted_by_the_script_comes_back_as_the_refreshed_card_with_a_notice()
    {
        var postId = await _host.ReceiveAsync("Where is my order?");
        var alice = new ConsoleSession(_host.NewClient());
        await alice.SignInAsync("alice");

        using var response = await alice.SubmitFragmentAsync(postId, nameof(PostTrigger.Claim));
        var html = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        Assert.Equal("Done.", Uri.UnescapeDataString(response.Headers.GetValues("X-Console-Notice").Single()));
        Assert.Contains("data-state=\"Claimed\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<html", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_notice_quoting_a_huge_pasted_name_is_cut_to_fit_the_cookie_that_carries_it()
    {
        var postId = await _host.ReceiveAsync("Where is my order?");
        var dan = new ConsoleSession(_host.NewClient());
        var token = ConsoleSession.FormToken(await dan.SignInAsync("dan"));
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["returnTo"] = "/console",
            ["bulkAction"] = nameof(PostTrigger.Reassign),
            ["posts"] = postId,
            // "Nobody called … is configured", quoting the name: 80 KB made a response no client reads.
            ["assignTo"] = new string('a', 80_000),
        });

        using var response = await dan.Client.PostAsync("/console/bulk", form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("chatopsreply.notice=", StringComparison.Ordinal));
        Assert.True(cookie.Length <= 4096, $"The notice cookie is {cookie.Length} bytes: a browser drops it.");
        Assert.EndsWith("…", ConsoleSession.NoticeOf(response), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteFolder();
    }
}
