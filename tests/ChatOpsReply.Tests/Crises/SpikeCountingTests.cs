using ChatOpsReply.Crises;
using ChatOpsReply.Posts;
using ChatOpsReply.Storage.Sqlite;
using ChatOpsReply.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsReply.Tests.Crises;

/// <summary>
/// Spike counting is off the ingest path: a customer's post is stored and acknowledged whatever the
/// counting's store does, and what waited to be counted while that store was down is counted once it is back.
/// </summary>
public sealed class SpikeCountingTests : IDisposable
{
    private readonly ServiceHost _host = new(services: services =>
    {
        services.AddSingleton<SqliteSpikeStore>();
        services.AddSingleton<GatedSpikeStore>();
        services.AddSingleton<ISpikeStore>(sp => sp.GetRequiredService<GatedSpikeStore>());
    });

    private GatedSpikeStore Store => _host.Service<GatedSpikeStore>();

    public void Dispose()
    {
        Store.Release();
        _host.Dispose();
        _host.DeleteFolder();
    }

    [Fact]
    public async Task Posts_are_acknowledged_while_the_spike_count_waits_on_a_store_that_does_not_answer()
    {
        Store.Stall();

        var posts = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => _host.ReceiveAsync($"The outage again, number {i}", externalId: $"m-{i}"))).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(3, posts.Distinct().Count());
        Assert.All(posts, id => Assert.Equal(PostState.Open, _host.PostAsync(id).Result.State));
        Store.Release();
        await _host.Service<SpikeWatch>().CountAllWaitingAsync();
        Assert.Equal(4, await OutageCountAsync());
    }

    [Fact]
    public async Task Posts_that_waited_while_the_store_was_down_are_counted_once_it_is_back()
    {
        Store.Down = true;
        for (var i = 0; i < 5; i++)
        {
            await _host.ReceiveAsync($"Outage in my town, day {i}", externalId: $"d-{i}");
        }

        var watch = _host.Service<SpikeWatch>();
        await Assert.ThrowsAsync<StoreUnavailableException>(() => watch.CountWaitingAsync());
        Assert.True(watch.Waiting);

        Store.Down = false;
        await watch.CountAllWaitingAsync();

        Assert.False(watch.Waiting);
        Assert.Equal(6, await OutageCountAsync());
    }

    /// <summary>Posts on 'outage' in the window, with one more counted to read them.</summary>
    private async Task<int> OutageCountAsync()
    {
        var counts = await Store.CountAsync([new TopicArrival("support", ["outage"], "probe", _host.Time.GetUtcNow(), 10, 4)]);
        return Assert.Single(counts).InWindow;
    }

    /// <summary>The SQLite spike store, which the test can take down or make stop answering.</summary>
    private sealed class GatedSpikeStore(SqliteSpikeStore store) : ISpikeStore
    {
        private TaskCompletionSource _open = Open();

        public bool Down { get; set; }

        public void Stall() => _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _open.TrySetResult();

        public async Task<IReadOnlyList<TermCounts>> CountAsync(IReadOnlyList<TopicArrival> arrivals, CancellationToken cancellationToken = default)
        {
            await _open.Task.WaitAsync(cancellationToken);
            return Down ? throw new StoreUnavailableException("The test took the spike store down.") : await store.CountAsync(arrivals, cancellationToken);
        }

        public Task<SpikeOpening> OpenAsync(Spike spike, IReadOnlyList<string> related, IReadOnlyList<OutboxMessage> alert, CancellationToken cancellationToken = default) =>
            store.OpenAsync(spike, related, alert, cancellationToken);

        public Task<Spike?> GetAsync(string spikeId, CancellationToken cancellationToken = default) => store.GetAsync(spikeId, cancellationToken);

        public Task<Spike?> SilenceAsync(string spikeId, string by, DateTimeOffset until, IReadOnlyList<OutboxMessage> refresh, CancellationToken cancellationToken = default) =>
            store.SilenceAsync(spikeId, by, until, refresh, cancellationToken);

        private static TaskCompletionSource Open()
        {
            var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            open.SetResult();
            return open;
        }
    }
}
