using System.Threading.Channels;

namespace ChatOpsReply.Slack;

/// <summary>
/// Work that follows an acknowledgement: opening a modal, an ephemeral answer, a live check
/// of a draft. Slack wants its answer within 3 seconds, so requests queue these and return;
/// a few workers run them at once, so a slow call never holds up a modal whose trigger is
/// about to expire. They are not stored: each is a courtesy to someone waiting right now,
/// and worthless minutes later (every state change itself is stored and goes through the outbox).
/// </summary>
public sealed partial class SlackFollowUps : BackgroundService
{
    private const int Workers = 4;

    private readonly Channel<(string What, Func<CancellationToken, Task> Work)> _queue;
    private readonly ILogger<SlackFollowUps> _logger;

    public SlackFollowUps(ILogger<SlackFollowUps> logger)
        : this(logger, capacity: 1024)
    {
    }

    /// <param name="capacity">
    /// How much may wait. When more arrives, the oldest waiting work is dropped (and logged): a
    /// modal whose 3-second trigger has passed, or an answer to someone who has moved on, is worth
    /// less than the newest click, whose person is still looking.
    /// </param>
    internal SlackFollowUps(ILogger<SlackFollowUps> logger, int capacity)
    {
        _logger = logger;
        _queue = Channel.CreateBounded<(string What, Func<CancellationToken, Task> Work)>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest },
            dropped => LogDropped(dropped.What));
    }

    public void Enqueue(string what, Func<CancellationToken, Task> work) => _queue.Writer.TryWrite((what, work));

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => WorkAsync(stoppingToken)));

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (what, work) in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await work(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogFailed(what, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack follow-up '{What}' failed")]
    private partial void LogFailed(string what, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack follow-up '{What}' dropped: too much was waiting, and it was the oldest")]
    private partial void LogDropped(string what);
}
