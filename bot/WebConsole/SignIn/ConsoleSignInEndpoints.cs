using ChatOpsReply.Accountability;
using ChatOpsReply.WebConsole.Pages;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.WebConsole.SignIn;

/// <summary>Signing in and out of the console: single sign-on, the demo picker on a local trial, and the page for people nobody configured.</summary>
public static class ConsoleSignInEndpoints
{
    public const string SingleSignOnScheme = "console-sso";
    public const string SignInPath = "/console/sign-in";
    public const string NotConfiguredPath = "/console/not-configured";
    public const string CallbackPath = "/console/signin-oidc";
    public const string SignedOutCallbackPath = "/console/signout-oidc";
    public const string ReturnToField = "returnTo";

    internal static void MapConsoleSignIn(this RouteGroupBuilder console)
    {
        console.MapGet("/sign-in", SignIn).AllowAnonymous();
        console.MapGet("/sign-in/sso", SingleSignOn).AllowAnonymous();
        console.MapPost("/identity", SwitchIdentityAsync).AllowAnonymous();
        console.MapPost("/sign-out", SignOutAsync).AllowAnonymous();
        console.MapGet("/not-configured", NotConfigured).AllowAnonymous();
    }

    private static IResult SignIn(HttpContext http, string? returnTo, string? failed, AccountabilityPolicy policy, IOptions<ConsoleOptions> options)
    {
        var back = ConsoleRequests.TryReturnTo(returnTo, out var path) ? path : "/console";
        if (ConsoleViewer.Of(http, policy) is not null)
        {
            return Results.Redirect(back);
        }

        if (ConsoleViewer.Unmatched(http, policy) is not null)
        {
            return Results.Redirect(NotConfiguredPath);
        }

        // With single sign-on the only way in, go straight to the provider (unless it just failed).
        if (options.Value.Authentication.IsEnabled && !options.Value.DemoIdentities && failed is null)
        {
            return Results.Challenge(new AuthenticationProperties { RedirectUri = back }, [SingleSignOnScheme]);
        }

        return ConsoleRequests.Page<SignInPage>(new { Page = ConsoleRequests.Context(http, policy), ReturnTo = back, Failed = failed is not null });
    }

    private static IResult SingleSignOn(string? returnTo, IOptions<ConsoleOptions> options)
    {
        if (!options.Value.Authentication.IsEnabled)
        {
            return Results.Redirect(SignInPath);
        }

        return Results.Challenge(new AuthenticationProperties { RedirectUri = ConsoleRequests.TryReturnTo(returnTo, out var path) ? path : "/console" }, [SingleSignOnScheme]);
    }

    private static async Task<IResult> SwitchIdentityAsync(HttpContext http, IFormCollection form, AccountabilityPolicy policy, IOptions<ConsoleOptions> options)
    {
        if (!ConsoleRequests.TryReturnTo(form[ReturnToField], out var returnTo))
        {
            return ConsoleRequests.BadReturnTo();
        }

        if (!options.Value.DemoIdentities)
        {
            return ConsoleRequests.Redirect(http, SignInPath, $"Demo identities are turned off ({ConsoleOptions.Section}:DemoIdentities).");
        }

        var person = policy.People.Find(form["person"].FirstOrDefault());
        if (person is null)
        {
            await http.SignOutAsync(ConsoleViewer.Scheme).ConfigureAwait(false);
            return ConsoleRequests.Redirect(http, SignInPath, "Choose who you are to see the team's posts.");
        }

        await http.SignInAsync(ConsoleViewer.Scheme, ConsoleViewer.Principal(person)).ConfigureAwait(false);
        return ConsoleRequests.Redirect(http, returnTo, $"You are acting as {person.Name}.");
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, IFormCollection form, IOptions<ConsoleOptions> options)
    {
        _ = form;
        var singleSignOn = http.User.FindFirst(ConsoleViewer.ViaClaim)?.Value == ConsoleViewer.ViaSingleSignOn && options.Value.Authentication.IsEnabled;
        await http.SignOutAsync(ConsoleViewer.Scheme).ConfigureAwait(false);
        if (singleSignOn)
        {
            // RP-initiated logout: the provider ends its session too, then sends the person back here.
            return Results.SignOut(new AuthenticationProperties { RedirectUri = SignInPath }, [SingleSignOnScheme]);
        }

        return ConsoleRequests.Redirect(http, SignInPath, "You are signed out.");
    }

    private static IResult NotConfigured(HttpContext http, AccountabilityPolicy policy)
    {
        if (ConsoleViewer.Unmatched(http, policy) is not { } signedInAs)
        {
            return Results.Redirect(ConsoleViewer.Of(http, policy) is null ? SignInPath : "/console");
        }

        return ConsoleRequests.Page<NotConfiguredPage>(new { Page = ConsoleRequests.Context(http, policy), SignedInAs = signedInAs }, StatusCodes.Status403Forbidden);
    }
}
