using ChatOpsReply.Delivery;

namespace ChatOpsReply.WebConsole;

public static class ConsoleServiceCollectionExtensions
{
    public static IServiceCollection AddConsole(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConsoleOptions>().BindConfiguration(ConsoleOptions.Section).ValidateOnStart();
        services.AddAuthentication(ConsoleViewer.Scheme).AddCookie(ConsoleViewer.Scheme, cookie =>
        {
            cookie.Cookie.Name = "chatopsreply.console";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.SlidingExpiration = true;
        });
        services.AddAntiforgery();
        services.AddSingleton<ConsoleEvents>();
        if (configuration.GetValue($"{ConsoleOptions.Section}:{nameof(ConsoleOptions.Enabled)}", true))
        {
            services.AddSingleton<IChatSurface, ConsoleSurface>();
        }

        return services;
    }
}
