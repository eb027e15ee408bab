using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace ChatOpsReply.Tests.Support;

/// <summary>
/// A browser behind a round-robin load balancer: one cookie jar, and each request goes to the
/// next of several in-process hosts, so consecutive requests of one person reach different instances.
/// </summary>
public static class LoadBalancer
{
    public static HttpClient Client(params ServiceHost[] hosts)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        var cookies = new CookieContainerHandler(new CookieContainer()) { InnerHandler = new RoundRobin([.. hosts.Select(h => new HttpMessageInvoker(h.Server.CreateHandler()))]) };
        return new HttpClient(cookies) { BaseAddress = new Uri("http://localhost") };
    }

    private sealed class RoundRobin(HttpMessageInvoker[] instances) : HttpMessageHandler
    {
        private int _next = -1;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            instances[(int)((uint)Interlocked.Increment(ref _next) % instances.Length)].SendAsync(request, cancellationToken);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                foreach (var instance in instances)
                {
                    instance.Dispose();
                }
            }

            base.Dispose(disposing);
        }
    }
}
