using System.Collections.Concurrent;
using ChatOpsReply.Slack;
using Microsoft.Extensions.Logging;

namespace ChatOpsReply.Tests.Slack;

/// <summary>Work after an acknowledgement (modals, ephemeral answers): when too much waits, the stalest goes, and it is logged.</summary>
public sealed class SlackFollowUpsTests
{
    [Fact]
    public async Task When_the_queue_is_full_the_oldest_work_is_dropped_and_logged_and_the_newest_runs()
    {
        var log = new WarningLog();
        using var followUps = new SlackFollowUps(log, capacity: 2);
        var ran = new ConcurrentQueue<string>();
        foreach (var what in new[] { "first", "second", "third" })
        {
            followUps.Enqueue(what, _ =>
            {
                ran.Enqueue(what);
                return Task.CompletedTask;
            });
        }

        await followUps.StartAsync(CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (ran.Count < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        await followUps.StopAsync(CancellationToken.None);

        Assert.Equal(["second", "third"], ran.Order());
        Assert.Equal(["Slack follow-up 'first' dropped: too much was waiting, and it was the oldest"], log.Warnings);
    }

    private sealed class WarningLog : ILogger<SlackFollowUps>
    {
        public ConcurrentQueue<string> Warnings { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                Warnings.Enqueue(formatter(state, exception));
            }
        }
    }
}
