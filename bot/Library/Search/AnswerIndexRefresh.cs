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
        catch (StoreUnavailableException e)
        {
            // Start anyway: the loop below loads the library as soon as the store answers.
            LogUnavailable(e.Message);
        }

        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.RefreshInterval, time, stoppingToken).ConfigureAwait(false);
                var changed = await library.RefreshAsync(stoppingToken).ConfigureAwait(false);
                if (changed > 0)
                {
                    LogRefreshed(changed);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (StoreUnavailableException e)
            {
                LogUnavailable(e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Answer library loaded: {Count} answers indexed")]
    private partial void LogLoaded(int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Answer library: {Count} changed answers indexed")]
    private partial void LogRefreshed(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answer library not refreshed: {Reason}")]
    private partial void LogUnavailable(string reason);
}
