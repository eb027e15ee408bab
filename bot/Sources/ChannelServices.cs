using ChatOpsReply.Delivery;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Sources;

public static class ChannelServices
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

    /// <summary>A connected platform: its sender over its API client, and its rules for the guidelines and the workflow.</summary>
    public static IServiceCollection AddChannel<TSender, TRules>(this IServiceCollection services, string clientName, Func<IServiceProvider, (Uri BaseAddress, TimeSpan Timeout)> api)
        where TSender : class, IReplySender
        where TRules : class, IChannelRules
    {
        services.AddPlatformClient<TSender>(clientName, api);
        services.AddSingleton<IReplySender>(sp => sp.GetRequiredService<TSender>());
        services.AddSingleton<TRules>();
        services.AddSingleton<IChannelRules>(sp => sp.GetRequiredService<TRules>());
        return services;
    }

    /// <summary>Whether every named key of a configuration section has a value: a channel is on only with all its secrets.</summary>
    public static bool HasAll(this IConfigurationSection section, params string[] keys)
    {
        ArgumentNullException.ThrowIfNull(section);
        return keys.All(key => !string.IsNullOrWhiteSpace(section[key]));
    }
}
