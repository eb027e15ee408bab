using System.Net;

namespace ChatOpsReply.Tests.Support;

/// <summary>
/// An HTTP client that signs in as a browser does: one cookie jar (cookies ignore ports, so the
/// console and the provider on 127.0.0.1 share it, as in a browser), and redirects followed
/// across the console and the provider, the way a browser navigates.
/// </summary>
public sealed class SignInBrowser : IDisposable
{
    private readonly CookieContainer _cookies = new();
    private readonly HttpClient _client;

    public SignInBrowser() =>
        _client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = _cookies });

    /// <summary>Navigates to a URL and follows redirects to the page they end on.</summary>
    public async Task<(HttpStatusCode Status, string Html, Uri Url)> OpenAsync(string url)
    {
        var target = new Uri(url);
        for (var hop = 0; hop < 12; hop++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, target);
            request.Headers.Accept.ParseAdd("text/html");
            using var response = await _client.SendAsync(request);
            if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect && response.Headers.Location is { } location)
            {
                target = new Uri(target, response.Headers.Location!);
                continue;
            }

            return (response.StatusCode, await response.Content.ReadAsStringAsync(), target);
        }

        throw new InvalidOperationException($"More than 12 redirects from {url}.");
    }

    /// <summary>One request, no redirects followed: as a page navigation, or as a script's fetch.</summary>
    public async Task<HttpStatusCode> FetchAsync(string url, bool page = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd(page ? "text/html" : "text/event-stream");
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return response.StatusCode;
    }

    public IReadOnlyList<Cookie> Cookies(string url) => [.. _cookies.GetCookies(new Uri(url)).Cast<Cookie>()];

    /// <summary>Changes one character of a cookie's value, as someone forging it would.</summary>
    public void Tamper(string url, string name)
    {
        var cookie = _cookies.GetCookies(new Uri(url))[name] ?? throw new InvalidOperationException($"No cookie {name}.");
        var value = cookie.Value.ToCharArray();
        var i = value.Length / 2;
        value[i] = value[i] == 'A' ? 'B' : 'A';
        cookie.Value = new string(value);
    }

    public void Dispose() => _client.Dispose();
}
