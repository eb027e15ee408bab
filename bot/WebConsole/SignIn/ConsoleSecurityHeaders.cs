using Microsoft.Extensions.Options;

namespace ChatOpsReply.WebConsole.SignIn;

/// <summary>
/// Headers on every console response: no script but our own files (so injected markup cannot
/// run), never in a frame, no content sniffing, no console URL leaked to other sites, and pages
/// with customer data kept out of shared caches.
/// </summary>
public static class ConsoleSecurityHeaders
{
    public static IApplicationBuilder UseConsoleSecurityHeaders(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.ApplicationServices.GetRequiredService<IOptions<ConsoleOptions>>().Value;
        var policy = ContentSecurityPolicy(options);
        return app.Use((http, next) =>
        {
            if (http.Request.Path.StartsWithSegments("/console", StringComparison.Ordinal) || http.Request.Path == "/")
            {
                http.Response.OnStarting(() =>
                {
                    var headers = http.Response.Headers;
                    headers.ContentSecurityPolicy = policy;
                    headers.XContentTypeOptions = "nosniff";
                    headers.XFrameOptions = "DENY";
                    headers["Referrer-Policy"] = "same-origin";
                    if (!headers.ContainsKey("Cache-Control"))
                    {
                        headers.CacheControl = "no-store";
                    }

                    return Task.CompletedTask;
                });
            }

            return next(http);
        });
    }

    /// <summary>Forms may post only to us, and to the provider for signing out (a redirect after a form post counts in Chromium).</summary>
    public static string ContentSecurityPolicy(ConsoleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var provider = options.Authentication.IsEnabled && Uri.TryCreate(options.Authentication.Authority, UriKind.Absolute, out var authority)
            ? " " + authority.GetLeftPart(UriPartial.Authority)
            : "";
        return $"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'{provider}";
    }
}
