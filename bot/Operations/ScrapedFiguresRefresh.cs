using ChatOpsReply.Telemetry;

namespace ChatOpsReply.Operations;

/// <summary>
/// Reads the store's figures (posts by state, outbox depth) again every <paramref name="every"/>
/// while they are exported over OTLP. A Prometheus scrape refreshes them itself, just before it
/// reads them; OTLP's exporter collects on its own clock with no such hook, so they are kept at
/// most half an export interval old instead.
/// </summary>
public sealed partial class ScrapedFiguresRefresh(IEnumerable<IScrapedFigures> figures, TimeSpan every, TimeProvider time, ILogger<ScrapedFiguresRefresh> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(every, time);
        do
        {
            foreach (var source in figures)
            {
                try
                {
                    await source.RefreshAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A figure that cannot be read now is read at the next tick; the service goes on.
                    LogNotRefreshed(e.GetType().Name, e.Message);
                }
            }
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store figures not refreshed for OTLP: {Error}: {Reason}")]
    private partial void LogNotRefreshed(string error, string reason);
}
