using ChatOpsReply.Posts;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Library.Search;

/// <summary>
/// Builds the search index from the store before the service takes requests, then asks the
/// store every <see cref="LibraryOptions.RefreshInterval"/> for answers changed since (by any instance).
/// </summary>
public sealed partial class AnswerIndexRefresh(AnswerLibrary library, IOptions<LibraryOptions> options, TimeProvider time, ILogger<AnswerIndexRefresh> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await library.RefreshAsync(cancellationToken).ConfigureAwait(false);
            LogLoaded(library.Count);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Start anyway: the loop below loads the library as soon as the store answers.
            LogNotLoaded(e.Message);
        }

        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        ServiceLoop.RunAsync(
            "Answer library refresh",
            async ct =>
            {
                await Task.Delay(options.Value.RefreshInterval, time, ct).ConfigureAwait(false);
                var changed = await library.RefreshAsync(ct).ConfigureAwait(false);
                if (changed > 0)
                {
                    LogRefreshed(changed);
                }
            },
            time,
            logger,
            stoppingToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Answer library loaded: {Count} answers indexed")]
    private partial void LogLoaded(int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Answer library: {Count} changed answers indexed")]
    private partial void LogRefreshed(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answer library not loaded at start, loading it in the background: {Reason}")]
    private partial void LogNotLoaded(string reason);
}
