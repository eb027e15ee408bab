using System.Net;

namespace ChatOpsReply.Tests.Support;

/// <summary>Forms submitted without reading the page afterwards: for when that page cannot load (the store is down).</summary>
public sealed partial class ConsoleSession
{
    /// <summary>The antiforgery token of a page's forms.</summary>
    public static string FormToken(string html) => Token(html);

    /// <summary>Opens the post's page and fills in an action's form now; the returned function submits it later and returns the raw answer.</summary>
    public async Task<Func<Task<HttpResponseMessage>>> PrepareSubmitAsync(string postId, string action)
    {
        var (url, values) = await FormAsync(postId, action);
        return () => Client.PostAsync(url, new FormUrlEncodedContent(values));
    }

    /// <summary>An action's form on the post's page: where it posts, and the fields it sends as rendered.</summary>
    private async Task<(string Url, Dictionary<string, string> Values)> FormAsync(string postId, string action, IDictionary<string, string>? overrides = null)
    {
        var page = await PageAsync($"/console/posts/{postId}");
        var form = FormFor().Matches(page).First(m => m.Groups["action"].Value == action);
        var values = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(page),
            ["returnTo"] = $"/console/posts/{postId}",
            ["action"] = action,
        };
        foreach (var (name, value) in overrides ?? new Dictionary<string, string>())
        {
            values[name] = value;
        }

        return (WebUtility.HtmlDecode(form.Groups["url"].Value), values);
    }

    /// <summary>The one-time notice a redirect carries (a cookie), as the next page would show it.</summary>
    public static string? NoticeOf(HttpResponseMessage redirect)
    {
        ArgumentNullException.ThrowIfNull(redirect);
        var cookie = redirect.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.FirstOrDefault(v => v.StartsWith("chatopsreply.notice=", StringComparison.Ordinal))
            : null;
        return cookie is null ? null : Uri.UnescapeDataString(cookie["chatopsreply.notice=".Length..].Split(';')[0]);
    }

    /// <summary>Submits an action's form as app.js does: the answer is the card's fragment, with the notice in a header.</summary>
    public async Task<HttpResponseMessage> SubmitFragmentAsync(string postId, string action, IDictionary<string, string>? fields = null)
    {
        var (url, values) = await FormAsync(postId, action, new Dictionary<string, string>(fields ?? new Dictionary<string, string>()) { ["page"] = "post" });
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(values) };
        request.Headers.Add("X-Console-Fragment", "1");
        return await Client.SendAsync(request);
    }

    /// <summary>Submits an action's form with some fields replaced (a tampered form), returning the raw answer.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string postId, string action, IDictionary<string, string> overrides)
    {
        var (url, values) = await FormAsync(postId, action, overrides);
        return await Client.PostAsync(url, new FormUrlEncodedContent(values));
    }
}
