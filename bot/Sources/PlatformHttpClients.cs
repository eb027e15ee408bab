namespace ChatOpsReply.Sources;

public static class PlatformHttpClients
{
    /// <summary>
    /// A typed client for a platform's API at a configured base address and timeout. Singletons hold
    /// it, so connections are rotated in the handler rather than by recycling handlers.
    /// </summary>
    public static IHttpClientBuilder AddPlatformClient<TClient>(this IServiceCollection services, string name, Func<IServiceProvider, (Uri BaseAddress, TimeSpan Timeout)> settings)
        where TClient : class =>
        services.AddHttpClient<TClient>(name, (sp, http) =>
            {
                var (baseAddress, timeout) = settings(sp);
                http.BaseAddress = baseAddress;
                http.Timeout = timeout;
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
}
