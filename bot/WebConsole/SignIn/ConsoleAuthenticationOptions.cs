namespace ChatOpsReply.WebConsole.SignIn;

/// <summary>
/// "Console:Authentication": sign-in with any OpenID Connect provider (Entra ID, Okta, Google
/// Workspace, Keycloak, Sign in with Slack), code flow with PKCE. The person signing in is the
/// configured person with their e-mail address, or with their subject as <c>SignInSubject</c>.
/// </summary>
public sealed class ConsoleAuthenticationOptions
{
    public const string Section = "Console:Authentication";

    /// <summary>The provider's issuer URL (its discovery document is under /.well-known/openid-configuration).</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>A secret for confidential clients; leave empty for a public client (PKCE alone).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>What the sign-in button calls the provider: "Sign in with …".</summary>
    public string DisplayName { get; set; } = "single sign-on";

    public List<string> Scopes { get; set; } = ["openid", "profile", "email"];

    /// <summary>The claim holding the person's e-mail address.</summary>
    public string EmailClaim { get; set; } = "email";

    /// <summary>The claim matched against a person's <c>SignInSubject</c> when no e-mail matches.</summary>
    public string SubjectClaim { get; set; } = "sub";

    /// <summary>A claim whose values grant roles (Entra "roles" or "groups", Keycloak "groups"); none when empty.</summary>
    public string? RolesClaim { get; set; }

    /// <summary>
    /// Value of <see cref="RolesClaim"/> → role, e.g. a group's object id → "legal". A value that
    /// is a role name itself ("legal") grants that role without a mapping.
    /// </summary>
    public Dictionary<string, string> RoleMappings { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Off only for a provider on this machine over plain HTTP (tests, a local Keycloak).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Authority);
}
