using ChatOpsReply.Library.Model;
using ChatOpsReply.Library.Search;
using ChatOpsReply.Library;
using ChatOpsReply.Operations;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Library;
using ChatOpsReply.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsReply.Tests.Operations;

/// <summary>Background work outlives whatever its store throws, and a host that does stop on a failure says so in its exit code.</summary>
public sealed class BackgroundWorkTests
{
    [Fact]
    public async Task A_background_loop_carries_on_after_rounds_that_throw_and_pauses_longer_after_each()
    {
        var time = new FakeTimeProvider(TestConfig.Start);
        var rounds = 0;
        using var stop = new CancellationTokenSource();
        Task Round(CancellationToken cancellationToken)
        {
            switch (++rounds)
            {
                case 1:
                    throw new InvalidOperationException("a bug");
                case 2:
                    throw new StoreUnavailableException("the store is away");
                default:
                    stop.Cancel();
                    return Task.CompletedTask;
            }
        }

        var loop = ServiceLoop.RunAsync("Test loop", Round, time, NullLogger.Instance, stop.Token);

        await WaitUntilAsync(() => rounds == 1);
        // Give the loop a moment to start its pause on the fake clock.
        await Task.Delay(100);
        time.Advance(TimeSpan.FromMilliseconds(700));
        Assert.Equal(1, rounds);
        time.Advance(TimeSpan.FromMilliseconds(600));
        await WaitUntilAsync(() => rounds == 2);
        await Task.Delay(100);
        // The second failure in a row waits about 2 s (±20 %), not 1 s.
        time.Advance(TimeSpan.FromMilliseconds(1500));
        Assert.Equal(2, rounds);
        time.Advance(TimeSpan.FromMilliseconds(1000));
        await loop.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(3, rounds);
        Assert.True(loop.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task The_answer_index_refresh_outlives_an_unexpected_store_error_and_catches_up_by_itself()
    {
        using var host = new ServiceHost(new Dictionary<string, string?> { ["Library:RefreshInterval"] = "00:00:02" }, FlakyAnswerStore.Use);
        _ = host.Server;
        var store = host.Service<FlakyAnswerStore>();
        store.Failure = () => new InvalidOperationException("EXECABORT Transaction discarded because of previous errors.");
        for (var i = 0; i < 5; i++)
        {
            host.Time.Advance(TimeSpan.FromSeconds(3));
            await Task.Delay(50);
        }

        store.Failure = null;
        await host.ApprovedAnswerAsync(new AnswerDocument { Id = "parcel", Title = "Parcel tracking", Body = "Follow your parcel online." });
        var library = host.Service<AnswerLibrary>();
        await WaitUntilAsync(() =>
        {
            host.Time.Advance(TimeSpan.FromSeconds(5));
            return library.SearchAsync("parcel", AnswerFilters.None, 5).Result.Count > 0;
        });

        var refresh = host.Services.GetServices<IHostedService>().OfType<AnswerIndexRefresh>().Single();
        Assert.False(refresh.ExecuteTask!.IsCompleted, "The refresh loop stopped.");
        Assert.False(host.Service<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested, "The host is stopping.");
        host.DeleteFolder();
    }

    [Fact]
    public async Task A_host_stopped_by_a_failing_background_service_exits_with_an_error_code()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddHostedService<FailingService>();
        using var host = builder.Build();
        var exitCode = HostExitCode.Watch(host.Services);

        await host.RunAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HostExitCode.BackgroundServiceFailed, exitCode.Value);
    }

    [Fact]
    public async Task A_host_asked_to_stop_exits_with_zero()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddHostedService<WaitingService>();
        using var host = builder.Build();
        var exitCode = HostExitCode.Watch(host.Services);
        await host.StartAsync();

        await host.StopAsync();

        Assert.Equal(0, exitCode.Value);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out.");
            await Task.Delay(20);
        }
    }

    private sealed class FailingService : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await Task.Yield();
            throw new InvalidOperationException("A bug nobody caught.");
        }
    }

    private sealed class WaitingService : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Delay(Timeout.Infinite, stoppingToken);
    }
}
