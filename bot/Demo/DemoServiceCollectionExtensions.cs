namespace ChatOpsReply.Demo;

public static class DemoServiceCollectionExtensions
{
    /// <summary>The demo data <c>--demo</c> seeds, in <see cref="IDemoData.Order"/>; add a kind by registering another <see cref="IDemoData"/>.</summary>
    public static IServiceCollection AddDemo(this IServiceCollection services)
    {
        services.AddSingleton<IDemoData, DemoLibrary>();
        services.AddSingleton<IDemoData, DemoPosts>();
        services.AddSingleton<DemoSeed>();
        return services;
    }

    /// <summary>Seeds the demo data when the service was started with <c>--demo</c> (and its store has no posts yet).</summary>
    public static async Task SeedDemoAsync(this WebApplication app, bool demo)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (demo)
        {
            await app.Services.GetRequiredService<DemoSeed>().SeedAsync(app.Lifetime.ApplicationStopping).ConfigureAwait(false);
        }
    }
}
