namespace ChatOpsReply.WebConsole.SignIn;

/// <summary>
/// "Console:ForwardedHeaders": behind a TLS-terminating proxy, the client's address and scheme
/// come from X-Forwarded-For and X-Forwarded-Proto, so cookies are Secure and loopback checks
/// see the real client. Only the listed proxies are believed (loopback when none is listed).
/// </summary>
public sealed class ConsoleForwardedHeadersOptions
{
    public bool Enabled { get; set; }

    /// <summary>Proxy addresses, e.g. "10.0.0.5".</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation, e.g. "10.0.0.0/24".</summary>
    public List<string> KnownNetworks { get; set; } = [];
}
