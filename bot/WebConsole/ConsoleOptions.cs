using ChatOpsReply.WebConsole.SignIn;

namespace ChatOpsReply.WebConsole;

/// <summary>The "Console" section: the built-in web surface.</summary>
public sealed class ConsoleOptions
{
    public const string Section = "Console";

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Let anyone pick a configured person to act as, without signing in. Meant for trying the
    /// product on one machine: the service refuses to start with it on while listening on any
    /// address but loopback.
    /// </summary>
    public bool DemoIdentities { get; set; } = true;

    /// <summary>How long a sign-in lasts without a visit (it slides with each visit).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>OpenID Connect single sign-on; on when <see cref="ConsoleAuthenticationOptions.Authority"/> is set.</summary>
    public ConsoleAuthenticationOptions Authentication { get; set; } = new();

    /// <summary>Behind a reverse proxy: which proxies' X-Forwarded-For and X-Forwarded-Proto to believe.</summary>
    public ConsoleForwardedHeadersOptions ForwardedHeaders { get; set; } = new();
}
