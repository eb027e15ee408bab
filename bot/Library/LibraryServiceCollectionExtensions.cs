using ChatOpsReply.Library.Api;
using ChatOpsReply.Crises;
using ChatOpsReply.Library.Curation;
using ChatOpsReply.Library.Holding;
using ChatOpsReply.Library.Replies;
using ChatOpsReply.Library.Search;
using ChatOpsReply.Posts;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Library;

public static class LibraryServiceCollectionExtensions
{
    public static IServiceCollection AddLibrary(this IServiceCollection services)
    {
        services.AddOptions<LibraryOptions>()
            .BindConfiguration(LibraryOptions.Section)
            .Validate(o => o.RefreshInterval > TimeSpan.Zero, $"{LibraryOptions.Section}:RefreshInterval must be positive.")
            .Validate(o => o.Suggestions is >= 0 and <= 25, $"{LibraryOptions.Section}:Suggestions must be between 0 and 25.")
            .Validate(o => o.MaxImportBytes >= 1024, $"{LibraryOptions.Section}:MaxImportBytes must be at least 1024.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.TakeOfflineTag), $"{LibraryOptions.Section}:TakeOfflineTag must name a tag (take-offline unless you choose another).")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<LibraryOptions>, ApiKeyOptionsValidator>();
        services.AddSingleton<CrisisSafety>();
        services.AddSingleton<AnswerLibrary>();
        services.AddSingleton<IAnswerSuggestions>(sp => sp.GetRequiredService<AnswerLibrary>());
        services.AddSingleton<ICannedAnswerVerifier, LibraryAnswerVerifier>();
        services.AddSingleton<ICannedAnswerUsage, LibraryAnswerUsage>();
        services.AddSingleton<LibraryCuration>();
        services.AddSingleton<AnswerApiKeys>();
        services.AddHostedService<AnswerIndexRefresh>();
        services.AddSingleton<HoldingStatements>();
        services.AddSingleton<ICrisisJoins>(sp => sp.GetRequiredService<HoldingStatements>());
        services.AddSingleton<HoldingStatementSweep>();
        services.AddHostedService(sp => sp.GetRequiredService<HoldingStatementSweep>());
        return services;
    }
}
