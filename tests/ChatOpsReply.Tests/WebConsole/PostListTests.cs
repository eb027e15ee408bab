using System.Net;
using System.Text.RegularExpressions;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Console;

/// <summary>The posts list past its first page: nothing that matches is out of reach.</summary>
public sealed partial class PostListTests : IDisposable
{
    private readonly ServiceHost _host = new();

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteFolder();
    }

    [Fact]
    public async Task A_search_matching_more_than_a_page_shows_the_first_two_hundred_and_show_more_brings_the_rest()
    {
        var ids = new List<string>();
        for (var i = 0; i < 205; i++)
        {
            ids.Add(await _host.ReceiveAsync($"Order {5000 + i} is late", handle: $"@late{i}"));
        }

        var session = new ConsoleSession(_host.NewClient());
        await session.SignInAsync("dan");

        var first = await session.PageAsync("/console?q=late&sort=arrival&view=list");
        Assert.Equal(200, Rows().Count(first));
        Assert.Contains("(first 200)", first, StringComparison.Ordinal);
        var more = WebUtility.HtmlDecode(ShowMore().Match(first).Groups["href"].Value);
        Assert.Contains("shown=400", more, StringComparison.Ordinal);

        var all = await session.PageAsync(more);
        Assert.Equal(ids.Order(StringComparer.Ordinal), Rows().Matches(all).Select(m => m.Groups["id"].Value).Order(StringComparer.Ordinal));
        Assert.DoesNotMatch(ShowMore(), all);
    }

    [GeneratedRegex("<tr data-post-id=\"(?<id>[^\"]+)\"")]
    private static partial Regex Rows();

    [GeneratedRegex("<a href=\"(?<href>[^\"]+)\">Show \\d+ more</a>")]
    private static partial Regex ShowMore();
}
