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

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteFolder();
    }
}
