using ChatOpsReply.Posts;

namespace ChatOpsReply.Crises;

/// <summary>
/// Counts the posts <see cref="SpikeWatch"/> queued, a batch at a time. Between batches it waits a
/// moment, so a busy minute is counted in a few writes that never crowd out the posts' own.
/// </summary>
public sealed class SpikeCounting(SpikeWatch watch, TimeProvider time, ILogger<SpikeCounting> logger) : BackgroundService
{
    /// <summary>How long arrivals gather before a batch is counted: detection is in minutes, so this costs nothing.</summary>
    public static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(200);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        ServiceLoop.RunAsync(
            "Spike counting",
            async ct =>
            {
                if (await watch.WaitForArrivalsAsync(ct).ConfigureAwait(false))
                {
                    // The real clock: a test's fake clock stands still, and tests count with CountAllWaitingAsync.
                    await Task.Delay(Gather, TimeProvider.System, ct).ConfigureAwait(false);
                    await watch.CountWaitingAsync(ct).ConfigureAwait(false);
                }
            },
            time,
            logger,
            stoppingToken);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        // What arrived before the stop is counted if the store still answers; otherwise it is a lost statistic.
        try
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(TimeSpan.FromSeconds(2));
            await watch.CountAllWaitingAsync(bounded.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or StoreUnavailableException or ObjectDisposedException)
        {
        }
    }
}
