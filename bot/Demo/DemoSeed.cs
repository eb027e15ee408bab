using ChatOpsReply.Posts;

namespace ChatOpsReply.Demo;

/// <summary>Fills an empty store with a working team's day for <c>dotnet run --project bot -- --demo</c>; a store with posts is left alone.</summary>
public sealed partial class DemoSeed(IEnumerable<IDemoData> data, IPostStore posts, ILogger<DemoSeed> logger)
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if ((await posts.ListAsync(new PostQuery { Limit = 1 }, cancellationToken).ConfigureAwait(false)).Count > 0)
        {
            LogKept();
            return;
        }

        foreach (var step in data.OrderBy(d => d.Order))
        {
            await step.SeedAsync(cancellationToken).ConfigureAwait(false);
        }

        LogSeeded();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo: the store already has posts, so nothing was added.")]
    private partial void LogKept();

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo: added the answer library and a team's posts with their history.")]
    private partial void LogSeeded();
}
