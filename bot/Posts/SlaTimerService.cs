using ChatOpsReply.Accountability;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Posts;

/// <summary>
/// Fires <see cref="PostTrigger.SlaBreached"/> for every SLA timer that came due. Timers live in
/// the store with their post, so they survive restarts; each firing carries a key made of the
/// post and due time, so a timer fired twice (two instances, a retry) is applied once.
/// </summary>
public sealed class SlaTimerService(
    ISlaTimers timers,
    PostCommandHandler handler,
    IOptions<SlaOptions> options,
    TimeProvider time,
    ILogger<SlaTimerService> logger) : BackgroundService
{
    /// <summary>Handles every timer due now; returns how many were handled.</summary>
    public async Task<int> FireDueAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var due = await timers.ClaimDueAsync(time.GetUtcNow(), settings.Lease, settings.BatchSize, cancellationToken).ConfigureAwait(false);
        foreach (var timer in due)
        {
            var command = new PostCommand(timer.PostId, PostTrigger.SlaBreached, Person.System, SurfaceNames.Timer, $"sla:{timer.PostId}:{timer.DueAt.ToUnixTimeMilliseconds()}")
            {
                Input = new BreachInput(timer.DueAt),
            };
            var result = await handler.HandleAsync(command, cancellationToken).ConfigureAwait(false);
            if (result.Outcome == CommandOutcome.Conflict)
            {
                // Leave it leased: it is offered again when the lease ends.
                continue;
            }

            // Applied, applied before, or stale (the post moved on): this timer is done.
            await timers.CompleteAsync(timer, cancellationToken).ConfigureAwait(false);
        }

        return due.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunInBackground)
        {
            return;
        }

        await ServiceLoop.RunAsync(
            "SLA timers",
            async ct =>
            {
                while (await FireDueAsync(ct).ConfigureAwait(false) == options.Value.BatchSize)
                {
                    // A full batch: more may be due.
                }

                await Task.Delay(options.Value.PollInterval, time, ct).ConfigureAwait(false);
            },
            time,
            logger,
            stoppingToken).ConfigureAwait(false);
    }
}
