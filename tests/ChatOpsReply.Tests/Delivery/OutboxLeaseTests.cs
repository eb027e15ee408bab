using ChatOpsReply.Delivery;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Tests.Delivery;

/// <summary>A platform call slower than the outbox lease: the card is still posted once, however many instances deliver.</summary>
public sealed class OutboxLeaseTests : IDisposable
{
    private readonly SlowSurface _surface = new();
    private readonly ServiceHost _host;
    private RenewalCountingOutbox? _outbox;

    public OutboxLeaseTests() =>
        _host = new ServiceHost(services: services =>
        {
            services.AddSingleton<IChatSurface>(_surface);
            var registered = services.Last(d => d.ServiceType == typeof(IOutbox));
            services.Remove(registered);
            services.AddSingleton(registered.ImplementationType!);
            services.AddSingleton<IOutbox>(sp => _outbox = new RenewalCountingOutbox((IOutbox)sp.GetRequiredService(registered.ImplementationType!)));
        });

    [Fact]
    public async Task A_card_whose_call_outlasts_the_lease_is_posted_once_and_what_waited_behind_it_is_left_to_whoever_took_it()
    {
        await _host.ReceiveAsync("Where is my order?");
        await _host.ReceiveAsync("My parcel is late.", externalId: "late-1");
        var lease = _host.Service<IOptions<DeliveryOptions>>().Value.Lease;
        var store = _host.Service<IOutbox>();

        var delivering = _host.Service<OutboxDispatcher>().DispatchDueAsync();
        await _surface.Called.Task.WaitAsync(TimeSpan.FromSeconds(10));
        // Three leases long, a third at a time: the delivering instance renews the card in flight at each step,
        // while another instance takes what waits behind it once its lease runs out.
        var takenElsewhere = new List<OutboxMessage>();
        for (var step = 1; step <= 9; step++)
        {
            _host.Time.Advance(lease / 3);
            await _outbox!.Renewed.WaitAsync(TimeSpan.FromSeconds(10));
            // The other instance delivers what it takes at once (a quick platform) and completes it.
            foreach (var taken in await store.ClaimDueAsync(_host.Time.GetUtcNow(), lease, 10))
            {
                takenElsewhere.Add(taken);
                await store.CompleteAsync(taken);
            }
        }

        var inFlight = Assert.Single(_surface.Started);
        Assert.DoesNotContain(takenElsewhere, m => m.Id == inFlight.Id);
        var second = Assert.Single(takenElsewhere, m => m.Target == "slow");

        _surface.Finish.SetResult();
        await delivering.WaitAsync(TimeSpan.FromSeconds(10));
        // The second post's card went out once, from the instance that took it; the first instance left it alone.
        Assert.Equal([inFlight.Id], _surface.Started.Select(m => m.Id));
        Assert.NotEqual(inFlight.PostId, second.PostId);
        Assert.Equal(new OutboxDepth(0, 0), await store.DepthAsync());
    }

    [Fact]
    public async Task A_quick_call_renews_nothing()
    {
        _surface.Finish.SetResult();
        await _host.ReceiveAsync("Where is my order?");

        await _host.DeliverAsync();

        Assert.Equal((1, 0), (_surface.Started.Count, _outbox!.Renewals));
    }

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteFolder();
    }

    /// <summary>A surface whose calls take as long as the test says.</summary>
    private sealed class SlowSurface : IChatSurface
    {
        public string Name => "slow";

        public System.Collections.Concurrent.ConcurrentQueue<OutboxMessage> Started { get; } = new();

        public TaskCompletionSource Called { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Finish { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<SurfaceDelivery> DeliverAsync(OutboxMessage message, CustomerPost post, CancellationToken cancellationToken)
        {
            Started.Enqueue(message);
            Called.TrySetResult();
            await Finish.Task.WaitAsync(cancellationToken);
            return SurfaceDelivery.Delivered;
        }
    }

    /// <summary>The store's outbox, saying when a lease was renewed.</summary>
    private sealed class RenewalCountingOutbox(IOutbox inner) : IOutbox
    {
        private int _renewals;

        public SemaphoreSlim Renewed { get; } = new(0);

        public int Renewals => _renewals;

        public async Task<OutboxMessage?> RenewLeaseAsync(OutboxMessage message, DateTimeOffset until, CancellationToken cancellationToken = default)
        {
            var renewed = await inner.RenewLeaseAsync(message, until, cancellationToken);
            Interlocked.Increment(ref _renewals);
            Renewed.Release();
            return renewed;
        }

        public Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken = default) => inner.ClaimDueAsync(now, lease, max, cancellationToken);

        public Task CompleteAsync(OutboxMessage message, CancellationToken cancellationToken = default) => inner.CompleteAsync(message, cancellationToken);

        public Task RetryAsync(OutboxMessage message, DateTimeOffset dueAt, string reason, CancellationToken cancellationToken = default) => inner.RetryAsync(message, dueAt, reason, cancellationToken);

        public Task DeferAsync(OutboxMessage message, DateTimeOffset dueAt, string reason, CancellationToken cancellationToken = default) => inner.DeferAsync(message, dueAt, reason, cancellationToken);

        public Task FailAsync(OutboxMessage message, string reason, CancellationToken cancellationToken = default) => inner.FailAsync(message, reason, cancellationToken);

        public Task<OutboxDepth> DepthAsync(CancellationToken cancellationToken = default) => inner.DepthAsync(cancellationToken);
    }
}
