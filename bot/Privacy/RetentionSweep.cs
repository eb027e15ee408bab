using ChatOpsReply.Accountability;
using ChatOpsReply.Posts;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Privacy;

/// <summary>
/// Erases posts closed or dismissed longer than <see cref="PrivacyOptions.RetentionDays"/>. Safe
/// with several instances: each post is erased through a compare-and-set save, so when two sweeps
/// meet on a post one saves and the other finds it erased already.
/// </summary>
public sealed partial class RetentionSweep(
    ICustomerErasureStore store,
    CustomerErasure erasure,
    IOptions<PrivacyOptions> options,
    TimeProvider time,
    ILogger<RetentionSweep> logger) : BackgroundService
{
    private const int Batch = 200;

    /// <summary>Who the trail names for a retention erasure.</summary>
    private static readonly Person Retention = new("retention", "Retention policy", new HashSet<string>([Roles.Admin], StringComparer.OrdinalIgnoreCase));

    /// <summary>Erases every post past its retention now; returns how many this call erased.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        if (options.Value.RetentionDays is not { } days)
        {
            return 0;
        }

        var before = time.GetUtcNow().AddDays(-days);
        var erased = 0;
        while (true)
        {
            var expired = await store.ExpiredAsync(before, Batch, cancellationToken).ConfigureAwait(false);
            foreach (var postId in expired)
            {
                if (await erasure.EraseExpiredAsync(postId, Retention, cancellationToken).ConfigureAwait(false))
                {
                    erased++;
                }
            }

            if (expired.Count < Batch)
            {
                return erased;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.RetentionDays is null || !options.Value.SweepInBackground)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var erased = await SweepAsync(stoppingToken).ConfigureAwait(false);
                if (erased > 0)
                {
                    LogErased(erased, options.Value.RetentionDays.Value);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (StoreUnavailableException e)
            {
                LogStoreUnavailable(e.Message);
            }

            try
            {
                await Task.Delay(options.Value.SweepInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: erased the customers of {Count} post(s) finished more than {Days} days ago")]
    private partial void LogErased(int count, int days);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention sweep paused: {Reason}")]
    private partial void LogStoreUnavailable(string reason);
}
