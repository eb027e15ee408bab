using ChatOpsReply.Library.Api;

namespace ChatOpsReply.Library;

public static class LibraryEndpoints
{
    /// <summary>The answers API (the console maps its own library pages).</summary>
    public static IEndpointRouteBuilder MapLibrary(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapAnswersApi();
        return app;
    }
}
