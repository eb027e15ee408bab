using System.Security.Claims;
using ChatOpsReply.Accountability;

namespace ChatOpsReply.WebConsole;

/// <summary>Who is looking at the console, from their sign-in cookie.</summary>
public static class ConsoleViewer
{
    public const string Scheme = "console";

    public static Person? Of(HttpContext http, AccountabilityPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(policy);
        return http.User.Identity?.IsAuthenticated == true ? policy.People.Find(http.User.FindFirstValue(ClaimTypes.NameIdentifier)) : null;
    }

    public static ClaimsPrincipal Principal(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, person.Id), new Claim(ClaimTypes.Name, person.Name)], Scheme));
    }
}
