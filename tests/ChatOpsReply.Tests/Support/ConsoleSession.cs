using System.Net;
using System.Text.RegularExpressions;

namespace ChatOpsReply.Tests.Support;

/// <summary>
/// A person using the console through its HTML, as a browser without JavaScript would:
/// read the page, find the form of a button, fill it in and submit it.
/// </summary>
public sealed partial class ConsoleSession(HttpClient client)
{
    public HttpClient Client { get; } = client;

    public async Task<string> PageAsync(string path = "/console")
    {
        using var response = await Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Picks a demo identity on the sign-in page, as someone trying the console on their machine does.</summary>
    public async Task<string> SignInAsync(string personId)
    {
        var page = await PageAsync("/console/sign-in");
        using var response = await Client.PostAsync("/console/identity", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(page),
            ["person"] = personId,
            ["returnTo"] = "/console",
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await PageAsync();
    }

    /// <summary>Clicks the button of an action on the post's page; returns the notice shown afterwards.</summary>
    public async Task<string?> ClickAsync(string postId, string action, IDictionary<string, string>? fields = null) =>
        await (await PrepareClickAsync(postId, action, fields))();

    /// <summary>Opens the post's page and fills in the form now; the returned function submits it later.</summary>
    public async Task<Func<Task<string?>>> PrepareClickAsync(string postId, string action, IDictionary<string, string>? fields = null)
    {
        var page = await PageAsync($"/console/posts/{postId}");
        var form = FormFor().Matches(page).FirstOrDefault(m => m.Groups["action"].Value == action)
            ?? throw new InvalidOperationException($"The page of {postId} has no {action} button. Buttons: {string.Join(", ", Buttons(page))}");
        var values = new Dictionary<string, string>(fields ?? new Dictionary<string, string>())
        {
            ["__RequestVerificationToken"] = Token(page),
            ["returnTo"] = $"/console/posts/{postId}",
            ["action"] = action,
        };
        return async () =>
        {
            using var response = await Client.PostAsync(WebUtility.HtmlDecode(form.Groups["url"].Value), new FormUrlEncodedContent(values));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            return Notice(await PageAsync(response.Headers.Location!.OriginalString));
        };
    }

    public static IReadOnlyList<string> Buttons(string html) => [.. FormFor().Matches(html).Select(m => m.Groups["action"].Value)];

    public static string? Notice(string html) => NoticePattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    private static string Token(string html) => TokenPattern().Match(html).Groups[1].Value;

    [GeneratedRegex("<form method=\"post\" action=\"(?<url>[^\"]+)\" class=\"action action-(?<action>\\w+)\">")]
    private static partial Regex FormFor();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("<p class=\"notice\" role=\"status\">([^<]*)</p>")]
    private static partial Regex NoticePattern();
}
