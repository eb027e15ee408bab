using System.Security.Claims;
using ChatOpsReply.Accountability;

namespace ChatOpsReply.WebConsole;

/// <summary>
/// Who is looking at the console, from their sign-in cookie: the configured person it names,
/// with the roles their sign-in provider granted on top of their configured ones.
/// </summary>
public static class ConsoleViewer
{
    public const string Scheme = "console";

    /// <summary>The e-mail address or subject someone signed in with, kept to tell them who they are when nobody matches.</summary>
    public const string SignedInAsClaim = "chatopsreply:signed-in-as";

    /// <summary>How the person signed in: <see cref="ViaDemo"/> or <see cref="ViaSingleSignOn"/>.</summary>
    public const string ViaClaim = "chatopsreply:via";

    public const string ViaDemo = "demo";

    public const string ViaSingleSignOn = "sso";

    public static Person? Of(HttpContext http, AccountabilityPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(policy);
        if (http.User.Identity?.IsAuthenticated != true || policy.People.Find(http.User.FindFirstValue(ClaimTypes.NameIdentifier)) is not { } person)
        {
            return null;
        }

        var granted = http.User.FindAll(ClaimTypes.Role).Select(c => c.Value).Where(Roles.All.Contains).ToList();
        return granted.All(person.Roles.Contains)
            ? person
            : person with { Roles = new HashSet<string>(person.Roles.Concat(granted), StringComparer.OrdinalIgnoreCase) };
    }

    /// <summary>Signed in, but as nobody configured: what they signed in as, for the page that says so.</summary>
    public static string? Unmatched(HttpContext http, AccountabilityPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.User.Identity?.IsAuthenticated == true && Of(http, policy) is null ? http.User.FindFirstValue(SignedInAsClaim) ?? "someone" : null;
    }

    /// <summary>The cookie's principal for a demo identity.</summary>
    public static ClaimsPrincipal Principal(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, person.Id), new Claim(ClaimTypes.Name, person.Name), new Claim(ViaClaim, ViaDemo)],
            Scheme));
    }
}
