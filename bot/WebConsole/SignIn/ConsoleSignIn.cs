using System.Security.Claims;
using ChatOpsReply.Accountability;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.WebConsole.SignIn;

/// <summary>
/// Turns what a sign-in provider says about someone into the console's cookie: the configured
/// person with that e-mail address (when the provider does not say it is unverified), else with
/// that subject, plus the roles the provider's roles or groups claim grants. Someone who matches
/// nobody still gets a cookie, naming only what they signed in as, so the console can say so.
/// </summary>
public sealed class ConsoleSignIn(AccountabilityPolicy policy, IOptions<ConsoleOptions> options)
{
    public ClaimsPrincipal Principal(ClaimsPrincipal external)
    {
        ArgumentNullException.ThrowIfNull(external);
        var settings = options.Value.Authentication;
        var email = external.FindFirstValue(settings.EmailClaim);
        var subject = external.FindFirstValue(settings.SubjectClaim);
        // OpenID Connect Core 1.0 §5.1: email_verified false means the address may not be theirs.
        var verified = !string.Equals(external.FindFirstValue("email_verified"), "false", StringComparison.OrdinalIgnoreCase);
        var person = (email is { Length: > 0 } && verified ? policy.People.FindByEmail(email) : null)
            ?? (subject is { Length: > 0 } ? policy.People.FindBySignInSubject(subject) : null);

        var claims = new List<Claim>
        {
            new(ConsoleViewer.ViaClaim, ConsoleViewer.ViaSingleSignOn),
            new(ConsoleViewer.SignedInAsClaim, email ?? subject ?? "someone"),
        };
        if (person is not null)
        {
            claims.Add(new Claim(ClaimTypes.NameIdentifier, person.Id));
            claims.Add(new Claim(ClaimTypes.Name, person.Name));
            claims.AddRange(GrantedRoles(external, settings).Select(role => new Claim(ClaimTypes.Role, role)));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, ConsoleViewer.Scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    private static IEnumerable<string> GrantedRoles(ClaimsPrincipal external, ConsoleAuthenticationOptions settings)
    {
        if (string.IsNullOrWhiteSpace(settings.RolesClaim))
        {
            return [];
        }

        return external.FindAll(settings.RolesClaim)
            .Select(c => settings.RoleMappings.TryGetValue(c.Value, out var mapped) ? mapped : c.Value)
            .Where(Roles.All.Contains)
            .Distinct(StringComparer.OrdinalIgnoreCase);
    }
}
