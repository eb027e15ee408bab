using ChatOpsReply.Posts;

namespace ChatOpsReply.Storage;

/// <summary>
/// Once an hour, forgets what only guards against quick repeats: command keys older than a
/// week (a click is not repeated a week later) and expired idempotency keys.
/// </summary>
public sealed partial class StoreHousekeeping(IPostStore posts, IIdempotencyKeys keys, TimeProvider time, ILogger<StoreHousekeeping> logger) : BackgroundService
{
    public static readonly TimeSpan CommandKeysKeptFor = TimeSpan.FromDays(7);
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    public async Task RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await posts.PurgeCommandKeysAsync(now - CommandKeysKeptFor, cancellationToken).ConfigureAwait(false);
        await keys.PurgeExpiredAsync(now, cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
                await Task.Delay(Interval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (StoreUnavailableException e)
            {
                LogSkipped(e.Message);
                await Task.Delay(Interval, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store housekeeping skipped: {Reason}")]
    private partial void LogSkipped(string reason);
}
