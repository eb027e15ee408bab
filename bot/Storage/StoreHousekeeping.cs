using ChatOpsReply.Posts;

namespace ChatOpsReply.Storage;

/// <summary>
/// Once an hour, forgets what only guards against quick repeats: command keys older than a
/// week (a click is not repeated a week later) and expired idempotency keys.
/// </summary>
public sealed class StoreHousekeeping(IPostStore posts, IIdempotencyKeys keys, TimeProvider time, ILogger<StoreHousekeeping> logger) : BackgroundService
{
    public static readonly TimeSpan CommandKeysKeptFor = TimeSpan.FromDays(7);
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    public async Task RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await posts.PurgeCommandKeysAsync(now - CommandKeysKeptFor, cancellationToken).ConfigureAwait(false);
        await keys.PurgeExpiredAsync(now, cancellationToken).ConfigureAwait(false);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        ServiceLoop.RunAsync(
            "Store housekeeping",
            async ct =>
            {
                await RunOnceAsync(ct).ConfigureAwait(false);
                await Task.Delay(Interval, time, ct).ConfigureAwait(false);
            },
            time,
            logger,
            stoppingToken);
}
