namespace ChatOpsReply.Library;

public static class LibraryEndpoints
{
    /// <summary>The answers API and the console's library pages.</summary>
    public static IEndpointRouteBuilder MapLibrary(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapAnswersApi();
        app.MapLibraryConsole();
        return app;
    }
}
