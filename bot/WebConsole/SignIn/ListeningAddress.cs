using System.Net;

namespace ChatOpsReply.WebConsole.SignIn;

/// <summary>The addresses the service listens on, as configuration and Kestrel name them.</summary>
internal static class ListeningAddress
{
    /// <summary>True for 127.0.0.0/8, ::1 and "localhost"; false for wildcards (+, *, 0.0.0.0, [::]) and every other host.</summary>
    public static bool IsLoopback(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var normalised = address.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal);
        return Uri.TryCreate(normalised, UriKind.Absolute, out var uri)
            && (uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)));
    }

    /// <summary>
    /// What the configuration asks Kestrel to listen on: <c>urls</c> (also ASPNETCORE_URLS and
    /// --urls), <c>http_ports</c>/<c>https_ports</c> (every interface) and <c>Kestrel:Endpoints</c>.
    /// Nothing configured is Kestrel's default, localhost.
    /// </summary>
    public static IReadOnlyList<string> Configured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var addresses = new List<string>();
        addresses.AddRange((configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        foreach (var (key, scheme) in new[] { ("http_ports", "http"), ("https_ports", "https") })
        {
            addresses.AddRange((configuration[key] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(port => $"{scheme}://*:{port}"));
        }

        addresses.AddRange(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>());
        return addresses;
    }
}
