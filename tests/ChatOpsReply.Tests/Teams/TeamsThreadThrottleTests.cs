using ChatOpsReply.Storage.InProcess;
using ChatOpsReply.Teams;
using ChatOpsReply.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsReply.Tests.Teams;

/// <summary>Teams' per-thread limits (7 in 1 s, 8 in 2 s, 60 in 30 s): the throttle says how long to wait instead of calling.</summary>
public sealed class TeamsThreadThrottleTests
{
    private readonly FakeTimeProvider _time = new(TestConfig.Start);

    [Fact]
    public async Task The_eighth_call_within_a_second_waits_for_the_first_to_leave_the_window()
    {
        var throttle = new TeamsThreadThrottle(new InProcessPostingPace(), _time);
        for (var i = 0; i < 7; i++)
        {
            Assert.Null(await throttle.TryAcquireAsync("19:a@thread.tacv2;messageid=1"));
            _time.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.Equal(TimeSpan.FromMilliseconds(300), await throttle.TryAcquireAsync("19:a@thread.tacv2;messageid=2"));
        Assert.Null(await throttle.TryAcquireAsync("19:other@thread.tacv2"));
        _time.Advance(TimeSpan.FromMilliseconds(300));
        Assert.Null(await throttle.TryAcquireAsync("19:a@thread.tacv2"));
        // Eight in two seconds is the next limit.
        Assert.Equal(TimeSpan.FromSeconds(1), await throttle.TryAcquireAsync("19:a@thread.tacv2"));
    }

    [Fact]
    public async Task Sixty_calls_in_thirty_seconds_is_the_most_a_thread_takes()
    {
        var throttle = new TeamsThreadThrottle(new InProcessPostingPace(), _time);
        for (var i = 0; i < 60; i++)
        {
            Assert.Null(await throttle.TryAcquireAsync("19:a@thread.tacv2"));
            _time.Advance(TimeSpan.FromMilliseconds(400));
        }

        // 60 calls took 24 s; the first leaves the 30 s window 6 s from now.
        Assert.Equal(TimeSpan.FromSeconds(6), await throttle.TryAcquireAsync("19:a@thread.tacv2"));
    }
}
