namespace ChatOpsReply.Posts;

/// <summary>
/// The loop every background service runs: round after round until the host stops. A round that
/// fails, whatever it threw, is logged and followed by a pause that grows with each failure in a
/// row (with jitter, so instances that lost the store together do not come back together); the
/// next round that succeeds starts the count again. A store outage is expected and logged as a
/// warning; anything else is a bug, logged as an error with its stack, and the service carries on.
/// </summary>
public static partial class ServiceLoop
{
    /// <summary>The first pause after a failed round, doubled after each further failure up to <see cref="MaxPause"/>.</summary>
    public static readonly TimeSpan FirstPause = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(30);

    /// <param name="name">What the loop does, for the log ("Outbox", "SLA timers").</param>
    /// <param name="round">One round, including its own wait before the next when it succeeded.</param>
    public static async Task RunAsync(string name, Func<CancellationToken, Task> round, TimeProvider time, ILogger logger, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        var failures = 0;
        var pause = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await round(stoppingToken).ConfigureAwait(false);
                failures = 0;
                continue;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (StoreUnavailableException e)
            {
                pause = Pause(++failures);
                LogStoreUnavailable(logger, name, pause, e.Message);
            }
            catch (Exception e)
            {
                pause = Pause(++failures);
                LogFailed(logger, name, pause, e);
            }

            try
            {
                await Task.Delay(pause, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>The pause after <paramref name="failures"/> failed rounds in a row: 1 s, 2 s, 4 s … 30 s, each ±20 %.</summary>
    public static TimeSpan Pause(int failures)
    {
        var exponential = FirstPause * Math.Pow(2, Math.Clamp(failures - 1, 0, 16));
        var capped = exponential < MaxPause ? exponential : MaxPause;
        return capped * (0.8 + (Random.Shared.NextDouble() * 0.4));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Name} paused for {Pause}: {Reason}")]
    private static partial void LogStoreUnavailable(ILogger logger, string name, TimeSpan pause, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Name} failed; carrying on after {Pause}")]
    private static partial void LogFailed(ILogger logger, string name, TimeSpan pause, Exception exception);
}
