using Microsoft.Extensions.Options;

namespace ChatOpsReply.WebConsole.SignIn;

/// <summary>
/// Refuses a console nobody could sign in to, or one where anyone who reaches it could act as
/// anyone: demo identities are for a console only this machine can reach.
/// </summary>
/// <param name="addresses">The addresses the service is configured to listen on (urls, Kestrel endpoints).</param>
internal sealed class ConsoleOptionsValidator(Func<IReadOnlyList<string>> addresses) : IValidateOptions<ConsoleOptions>
{
    public ValidateOptionsResult Validate(string? name, ConsoleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        var auth = options.Authentication;
        if (options.DemoIdentities && addresses().FirstOrDefault(a => !ListeningAddress.IsLoopback(a)) is { } exposed)
        {
            failures.Add(DemoExposed(exposed));
        }

        if (!options.DemoIdentities && !auth.IsEnabled)
        {
            failures.Add($"{ConsoleAuthenticationOptions.Section}:Authority is not set and {ConsoleOptions.Section}:DemoIdentities is off, so nobody could sign in to the console. Configure OpenID Connect sign-in ({ConsoleAuthenticationOptions.Section}:Authority and ClientId), or turn the console off ({ConsoleOptions.Section}:Enabled=false).");
        }

        if (auth.IsEnabled)
        {
            if (!Uri.TryCreate(auth.Authority, UriKind.Absolute, out var authority) || (authority.Scheme != Uri.UriSchemeHttps && (auth.RequireHttpsMetadata || authority.Scheme != Uri.UriSchemeHttp)))
            {
                failures.Add($"{ConsoleAuthenticationOptions.Section}:Authority must be the provider's https:// issuer URL; it is \"{auth.Authority}\".");
            }

            if (string.IsNullOrWhiteSpace(auth.ClientId))
            {
                failures.Add($"{ConsoleAuthenticationOptions.Section}:ClientId is required with {ConsoleAuthenticationOptions.Section}:Authority.");
            }

            if (!auth.Scopes.Contains("openid", StringComparer.Ordinal))
            {
                failures.Add($"{ConsoleAuthenticationOptions.Section}:Scopes must include \"openid\".");
            }

            if (string.IsNullOrWhiteSpace(auth.EmailClaim) && string.IsNullOrWhiteSpace(auth.SubjectClaim))
            {
                failures.Add($"{ConsoleAuthenticationOptions.Section}:EmailClaim or SubjectClaim must name a claim that identifies the person.");
            }

            if (auth.RoleMappings.FirstOrDefault(m => !Accountability.Roles.All.Contains(m.Value)) is { Key: not null } bad)
            {
                failures.Add($"{ConsoleAuthenticationOptions.Section}:RoleMappings:{bad.Key} names unknown role '{bad.Value}'; the roles are {string.Join(", ", Accountability.Roles.All.Order(StringComparer.Ordinal))}.");
            }
        }

        if (options.SessionLifetime <= TimeSpan.Zero)
        {
            failures.Add($"{ConsoleOptions.Section}:SessionLifetime must be positive.");
        }

        foreach (var proxy in options.ForwardedHeaders.KnownProxies.Where(p => !System.Net.IPAddress.TryParse(p, out _)))
        {
            failures.Add($"{ConsoleOptions.Section}:ForwardedHeaders:KnownProxies has '{proxy}', which is not an IP address.");
        }

        foreach (var network in options.ForwardedHeaders.KnownNetworks.Where(n => !System.Net.IPNetwork.TryParse(n, out _)))
        {
            failures.Add($"{ConsoleOptions.Section}:ForwardedHeaders:KnownNetworks has '{network}', which is not a network in CIDR notation (10.0.0.0/24).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static string DemoExposed(string address) =>
        $"{ConsoleOptions.Section}:DemoIdentities is on while listening on {address}: anyone who reaches it could act as anyone. Listen on loopback only (--urls=http://127.0.0.1:5080), or turn {ConsoleOptions.Section}:DemoIdentities off and configure sign-in ({ConsoleAuthenticationOptions.Section}:Authority).";
}
