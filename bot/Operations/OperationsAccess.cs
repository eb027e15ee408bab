using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Operations;

/// <summary>
/// /readyz and /metrics say how busy the service is and what it holds: they answer requests from
/// this machine, or with the configured bearer token; /healthz stays open for anyone.
/// </summary>
public static class OperationsAccess
{
    /// <summary>Marks an endpoint as one for scrapers (see <see cref="UseOperationsAccess"/>).</summary>
    public sealed class ScrapeEndpoint;

    public static IApplicationBuilder UseOperationsAccess(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.ApplicationServices.GetRequiredService<IOptions<OperationsOptions>>();
        return app.Use(async (http, next) =>
        {
            if (http.GetEndpoint()?.Metadata.GetMetadata<ScrapeEndpoint>() is null || IsAllowed(http, options.Value.ScrapeToken))
            {
                await next(http).ConfigureAwait(false);
                return;
            }

            http.Response.Headers.WWWAuthenticate = "Bearer";
            await Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Not from this machine",
                detail: $"{http.Request.Path} answers requests from this machine, or with Authorization: Bearer and the token of {OperationsOptions.Section}:ScrapeToken.").ExecuteAsync(http).ConfigureAwait(false);
        });
    }

    private static bool IsAllowed(HttpContext http, string? token)
    {
        if (http.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote))
        {
            return true;
        }

        var header = http.Request.Headers.Authorization.ToString();
        return token is { Length: > 0 }
            && header.StartsWith("Bearer ", StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim())), SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }
}
