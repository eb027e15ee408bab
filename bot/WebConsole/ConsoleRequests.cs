using ChatOpsReply.Accountability;
using ChatOpsReply.WebConsole.Pages;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.WebConsole;

/// <summary>What console endpoints share: reading where a form goes back to, the page frame, rendering a page, one-time notices.</summary>
internal static class ConsoleRequests
{
    public const string NoticeCookie = "chatopsreply.notice";

    /// <summary>The header app.js sends when it wants a fragment (a card, a check) instead of a page.</summary>
    public const string FragmentHeader = "X-Console-Fragment";

    /// <summary>A person's browser navigating, as opposed to app.js asking for a fragment or the event stream.</summary>
    public static bool WantsPage(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return !request.Headers.ContainsKey(FragmentHeader)
            && (request.Headers.Accept.Count == 0 || request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true || a?.Contains("*/*", StringComparison.Ordinal) == true))
            && !request.Headers.Accept.Any(a => a?.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase) == true);
    }

    /// <summary>
    /// Where a form sends the person back: a console path, or the console's first page. A value no
    /// browser would send (control characters, which would split the Location header) is refused
    /// before anything is done, so the click is not applied behind an error.
    /// </summary>
    public static bool TryReturnTo(string? value, out string path)
    {
        path = "/console";
        if (value is null or "")
        {
            return true;
        }

        if (value.Any(char.IsControl))
        {
            return false;
        }

        if (value.StartsWith("/console", StringComparison.Ordinal) && !value.StartsWith("//", StringComparison.Ordinal) && !value.Contains('\\', StringComparison.Ordinal))
        {
            path = value;
        }

        return true;
    }

    public static ProblemHttpResult BadReturnTo() => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "returnTo is not a console path",
        detail: "returnTo must be a path of the console (/console…) without control characters; nothing was done.",
        extensions: new Dictionary<string, object?> { ["field"] = "returnTo" });

    public static PageContext Context(HttpContext http, AccountabilityPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(http);
        var options = http.RequestServices.GetRequiredService<IOptions<ConsoleOptions>>().Value;
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        var notice = http.Request.Cookies[NoticeCookie];
        if (notice is not null)
        {
            http.Response.Cookies.Delete(NoticeCookie, new CookieOptions { Path = "/console" });
        }

        return new PageContext(
            ConsoleViewer.Of(http, policy),
            policy.People.All,
            options.DemoIdentities,
            tokens.FormFieldName,
            tokens.RequestToken!,
            http.Request.Path + http.Request.QueryString,
            notice)
        {
            SingleSignOn = options.Authentication.IsEnabled,
            SingleSignOnName = options.Authentication.DisplayName,
            SignedInWithSingleSignOn = http.User.FindFirst(ConsoleViewer.ViaClaim)?.Value == ConsoleViewer.ViaSingleSignOn,
        };
    }

    /// <summary>Back to where the person was, with a one-time message (a cookie, so a link cannot put words on our page).</summary>
    public static IResult Redirect(HttpContext http, string returnTo, string notice)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Cookies.Append(NoticeCookie, FittedNotice(notice), new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/console", IsEssential = true, Secure = http.Request.IsHttps });
        return Results.Redirect(returnTo, permanent: false, preserveMethod: false);
    }

    /// <summary>
    /// The notice cut to fit a cookie or a header: browsers drop a cookie over 4096 bytes whole (RFC 6265
    /// §6.1, rfc-editor.org/rfc/rfc6265#section-6.1), and a notice that quotes what was typed (a pasted
    /// list of posts) would otherwise be lost, or make the response too large to read at all.
    /// </summary>
    public static string FittedNotice(string notice)
    {
        const int MaxEscapedLength = 3000;
        if (Uri.EscapeDataString(notice).Length <= MaxEscapedLength)
        {
            return notice;
        }

        var length = Math.Min(notice.Length, MaxEscapedLength);
        string cut;
        do
        {
            length = length * 3 / 4;
            // Never half of a surrogate pair.
            length -= length > 0 && char.IsHighSurrogate(notice[length - 1]) ? 1 : 0;
            cut = notice[..length] + "…";
        }
        while (Uri.EscapeDataString(cut).Length > MaxEscapedLength);

        return cut;
    }

    /// <summary>A page: a Razor component, which encodes every value it renders.</summary>
    public static RazorComponentResult Page<TComponent>(object parameters, int status = StatusCodes.Status200OK)
        where TComponent : Microsoft.AspNetCore.Components.IComponent =>
        new RazorComponentResult<TComponent>(parameters) { StatusCode = status, ContentType = "text/html; charset=utf-8" };
}
