using ChatOpsReply.Accountability;
using ChatOpsReply.Delivery;
using ChatOpsReply.WebConsole.SignIn;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.WebConsole;

public static class ConsoleServiceCollectionExtensions
{
    /// <summary>The authorization policy of every console page: a signed-in, configured person.</summary>
    public const string SignedInPolicy = "console-person";

    public static IServiceCollection AddConsole(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConsoleOptions>().BindConfiguration(ConsoleOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ConsoleOptions>>(new ConsoleOptionsValidator(() => ListeningAddress.Configured(configuration)));
        services.AddSingleton<ConsoleSignIn>();
        var authentication = services.AddAuthentication(ConsoleViewer.Scheme).AddCookie(ConsoleViewer.Scheme);
        services.AddOptions<CookieAuthenticationOptions>(ConsoleViewer.Scheme).Configure<IOptions<ConsoleOptions>>((cookie, console) =>
        {
            cookie.Cookie.Name = "chatopsreply.console";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = console.Value.SessionLifetime;
            cookie.SlidingExpiration = true;
            cookie.LoginPath = ConsoleSignInEndpoints.SignInPath;
            cookie.AccessDeniedPath = ConsoleSignInEndpoints.NotConfiguredPath;
            cookie.ReturnUrlParameter = ConsoleSignInEndpoints.ReturnToField;
            // A script's request (a card refresh, the event stream) is told 401/403, not sent to a page.
            cookie.Events.OnRedirectToLogin = context => RedirectPagesOnly(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => RedirectPagesOnly(context, StatusCodes.Status403Forbidden);
        });

        // Composition reads the section once to know whether to register the provider at all;
        // everything else comes from the validated options.
        if (configuration.GetSection(ConsoleAuthenticationOptions.Section).Get<ConsoleAuthenticationOptions>()?.IsEnabled == true)
        {
            authentication.AddOpenIdConnect(ConsoleSignInEndpoints.SingleSignOnScheme, _ => { });
            services.AddOptions<OpenIdConnectOptions>(ConsoleSignInEndpoints.SingleSignOnScheme).Configure<IOptions<ConsoleOptions>, ConsoleSignIn>(ConfigureSingleSignOn);
        }

        services.AddAuthorizationBuilder().AddPolicy(SignedInPolicy, policy => policy
            .RequireAuthenticatedUser()
            .RequireAssertion(context => context.Resource is HttpContext http && ConsoleViewer.Of(http, http.RequestServices.GetRequiredService<AccountabilityPolicy>()) is not null));
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "chatopsreply.antiforgery";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ConsoleOptions>>((forwarded, console) =>
        {
            var settings = console.Value.ForwardedHeaders;
            forwarded.ForwardedHeaders = settings.Enabled ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto : ForwardedHeaders.None;
            foreach (var proxy in settings.KnownProxies)
            {
                forwarded.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }

            foreach (var network in settings.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        services.AddSingleton<ConsoleEvents>();
        services.AddSingleton<ConsoleCards>();
        // Pages are Razor components rendered on the server (RazorComponentResult): every value is encoded.
        services.AddRazorComponents();
        if (configuration.GetValue($"{ConsoleOptions.Section}:{nameof(ConsoleOptions.Enabled)}", true))
        {
            services.AddSingleton<IChatSurface, ConsoleSurface>();
        }

        return services;
    }

    private static void ConfigureSingleSignOn(OpenIdConnectOptions oidc, IOptions<ConsoleOptions> console, ConsoleSignIn signIn)
    {
        var settings = console.Value.Authentication;
        oidc.SignInScheme = ConsoleViewer.Scheme;
        oidc.Authority = settings.Authority;
        oidc.ClientId = settings.ClientId;
        oidc.ClientSecret = string.IsNullOrWhiteSpace(settings.ClientSecret) ? null : settings.ClientSecret;
        oidc.RequireHttpsMetadata = settings.RequireHttpsMetadata;
        // OpenID Connect Core 1.0 §3.1: authorization code flow, with PKCE (RFC 7636) for public and confidential clients alike.
        oidc.ResponseType = "code";
        oidc.UsePkce = true;
        // The code comes back on a top-level GET, so the correlation and nonce cookies can be SameSite=Lax.
        oidc.ResponseMode = "query";
        oidc.CallbackPath = ConsoleSignInEndpoints.CallbackPath;
        oidc.SignedOutCallbackPath = ConsoleSignInEndpoints.SignedOutCallbackPath;
        oidc.Scope.Clear();
        foreach (var scope in settings.Scopes)
        {
            oidc.Scope.Add(scope);
        }

        // Claim names as the provider sends them, so EmailClaim and RolesClaim mean what they say.
        oidc.MapInboundClaims = false;
        oidc.SaveTokens = false;
        oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
        oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        oidc.NonceCookie.SameSite = SameSiteMode.Lax;
        oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        oidc.Events.OnTokenValidated = context =>
        {
            context.Principal = signIn.Principal(context.Principal!);
            return Task.CompletedTask;
        };
        oidc.Events.OnRemoteFailure = context =>
        {
            context.HandleResponse();
            context.Response.Redirect($"{ConsoleSignInEndpoints.SignInPath}?failed=1");
            return Task.CompletedTask;
        };
    }

    private static Task RedirectPagesOnly(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (ConsoleRequests.WantsPage(context.Request))
        {
            context.Response.Redirect(context.RedirectUri);
        }
        else
        {
            context.Response.StatusCode = status;
        }

        return Task.CompletedTask;
    }
}
