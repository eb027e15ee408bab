using ChatOpsReply.Accountability;
using ChatOpsReply.Posts;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using ChatOpsReply.Telemetry;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Crises;

/// <summary>
/// Counts each new post under its queue and topic terms and decides whether a topic is spiking:
/// at least <see cref="SpikeOptions.MinimumPosts"/> in the window, arriving at <see cref="SpikeOptions.Factor"/>
/// times its usual rate for this hour of the week over the window's last minutes (two or more, so a
/// burst is seen within two minutes, not only once it has filled the window). A new spike pages the
/// crisis room once.
/// </summary>
/// <remarks>
/// Counting is off the ingest path: a stored post is queued here with the time it arrived, and
/// <see cref="SpikeCounting"/> counts what waits in batches, one store write for many posts. A post is
/// never held up by the count, and a crash loses a few counts of a statistic, never a post. The queue
/// is bounded: past <see cref="Capacity"/> posts waiting (a store that is down for long), arrivals go
/// uncounted, and the drop is counted in <c>chatopsreply.spike_uncounted</c>.
/// </remarks>
public sealed partial class SpikeWatch : IDisposable
{
    /// <summary>Posts waiting to be counted, at most.</summary>
    public const int Capacity = 50_000;

    /// <summary>Posts counted in one store write, at most.</summary>
    public const int BatchSize = 2_000;

    private readonly Channel<ArrivedPost> _arrivals = Channel.CreateBounded<ArrivedPost>(new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly SemaphoreSlim _counting = new(1, 1);
    private readonly Counter<long> _uncounted;
    private readonly ISpikeStore _store;
    private readonly AccountabilityPolicy _policy;
    private readonly ISurfaceNames _surfaces;
    private readonly OutboxSignal _outboxSignal;
    private readonly IOptions<SpikeOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SpikeWatch> _logger;

    /// <summary>A batch the store could not take: counted again, before anything newer, in the next round.</summary>
    private List<ArrivedPost>? _held;
    private int _waiting;

    public SpikeWatch(ISpikeStore store, AccountabilityPolicy policy, ISurfaceNames surfaces, OutboxSignal outboxSignal, IOptions<SpikeOptions> options, TimeProvider time, IMeterFactory meters, ILogger<SpikeWatch> logger)
    {
        ArgumentNullException.ThrowIfNull(meters);
        (_store, _policy, _surfaces, _outboxSignal, _options, _time, _logger) = (store, policy, surfaces, outboxSignal, options, time, logger);
        _uncounted = meters.Create(ServiceMeter.Name).CreateCounter<long>("chatopsreply.spike_uncounted", description: "New posts left out of spike counting because too many were waiting to be counted.");
    }

    /// <summary>Whether posts wait to be counted (or a batch waits for the store).</summary>
    public bool Waiting => Volatile.Read(ref _waiting) > 0;

    /// <summary>Queues a stored post to be counted, stamped with the time it arrived; never waits.</summary>
    public void Observe(CustomerPost post)
    {
        ArgumentNullException.ThrowIfNull(post);
        if (!_options.Value.Enabled)
        {
            return;
        }

        // The service's clock, not the platform's timestamp: a late webhook counts as it arrives, in the window being watched.
        Interlocked.Increment(ref _waiting);
        if (!_arrivals.Writer.TryWrite(new ArrivedPost(post.Queue, post.Id, post.Text, _time.GetUtcNow())))
        {
            Interlocked.Decrement(ref _waiting);
            _uncounted.Add(1);
        }
    }

    /// <summary>Waits until a post is queued to be counted (at once when a batch is held).</summary>
    public ValueTask<bool> WaitForArrivalsAsync(CancellationToken cancellationToken) =>
        _held is not null ? ValueTask.FromResult(true) : _arrivals.Reader.WaitToReadAsync(cancellationToken);

    /// <summary>Counts everything queued until none waits; what <see cref="SpikeCounting"/> does, at once.</summary>
    public async Task CountAllWaitingAsync(CancellationToken cancellationToken = default)
    {
        while (await CountWaitingAsync(cancellationToken).ConfigureAwait(false) > 0)
        {
        }
    }

    /// <summary>
    /// Counts one batch of what is queued, in one store write, and opens the spikes it shows; answers how many
    /// posts it counted. A store failure keeps the batch for the next round, before newer posts.
    /// </summary>
    public async Task<int> CountWaitingAsync(CancellationToken cancellationToken = default)
    {
        await _counting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var batch = _held ?? Take();
            if (batch.Count == 0)
            {
                return 0;
            }

            _held = batch;
            await CountAsync(batch, cancellationToken).ConfigureAwait(false);
            _held = null;
            Interlocked.Add(ref _waiting, -batch.Count);
            return batch.Count;
        }
        finally
        {
            _counting.Release();
        }
    }

    public void Dispose() => _counting.Dispose();

    private List<ArrivedPost> Take()
    {
        var batch = new List<ArrivedPost>();
        while (batch.Count < BatchSize && _arrivals.Reader.TryRead(out var arrival))
        {
            batch.Add(arrival);
        }

        return batch;
    }

    private async Task CountAsync(List<ArrivedPost> batch, CancellationToken cancellationToken)
    {
        var settings = _options.Value;
        List<TopicArrival> arrivals = [.. batch
            .Select(p => new TopicArrival(p.Queue, TopicTerms.Of(p.Text, settings.TermsPerPost), p.PostId, p.At, settings.WindowMinutes, settings.BaselineWeeks))
            .Where(a => a.Terms.Count > 0)];
        if (arrivals.Count == 0)
        {
            return;
        }

        var counts = await _store.CountAsync(arrivals, cancellationToken).ConfigureAwait(false);
        foreach (var queue in counts.GroupBy(c => c.Queue, StringComparer.Ordinal))
        {
            await OpenIfSpikingAsync(queue.Key, [.. queue], arrivals, settings, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Opens the spikes the queue's counts show (new or going on). Each is named by the terms over the threshold
    /// of the latest post on the busiest term, as one post would have found it; hot terms left over (another
    /// topic bursting in the same batch) make their own.
    /// </summary>
    private async Task OpenIfSpikingAsync(string queue, List<TermCounts> counts, List<TopicArrival> arrivals, SpikeOptions settings, CancellationToken cancellationToken)
    {
        var hot = counts
            .Select(c => (Counts: c, Baseline: Baseline(c, settings)))
            .Where(t => t.Counts.InWindow >= settings.MinimumPosts && BurstPerMinute(t.Counts.Minutes) >= settings.Factor * t.Baseline / t.Counts.Minutes.Count)
            .OrderByDescending(t => t.Counts.InWindow)
            // Of terms as busy, the longer names the topic best ("outage" before "app").
            .ThenByDescending(t => t.Counts.Term.Length)
            .ThenBy(t => t.Counts.Term, StringComparer.Ordinal)
            .ToList();
        var at = arrivals.Where(a => a.Queue == queue).Max(a => a.At);
        while (hot.Count > 0)
        {
            var (top, baseline) = hot[0];
            // Found by the latest post on the busiest term: its terms say which spike going on it belongs to.
            var found = arrivals.Last(a => a.Queue == queue && a.Terms.Contains(top.Term, StringComparer.Ordinal));
            var terms = hot.Where(t => found.Terms.Contains(t.Counts.Term, StringComparer.Ordinal)).ToList();
            hot.RemoveAll(terms.Contains);
            var spike = new Spike(
                Guid.CreateVersion7(at).ToString("N"),
                queue,
                [.. terms.Select(t => t.Counts.Term)],
                FoundAt: at,
                Until: at + settings.Window,
                top.InWindow,
                Math.Round(baseline, 1),
                top.Minutes,
                [.. top.RecentPosts.Take(3)]);
            var opening = await _store.OpenAsync(spike, found.Terms, AlertMessages(spike, at), cancellationToken).ConfigureAwait(false);
            if (opening.Opened)
            {
                LogSpike(queue, spike.Id, spike.Count, spike.Baseline);
                _outboxSignal.Notify();
            }
        }
    }

    /// <summary>
    /// The alert on each chat surface that shows one (the crisis channel in Slack and Teams), sent with the spike or shown again
    /// after a change. Its messages are the spike's (<see cref="OutboxMessage.PostId"/> is the spike's id), so
    /// they never wait behind a post's card, which a burst may hold up in its channel's pace.
    /// </summary>
    public IReadOnlyList<OutboxMessage> AlertMessages(Spike spike, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(spike);
        var crisisTeam = _policy.People.WithRole(_policy.CrisisRole).Select(p => p.Id).ToList();
        return [.. _surfaces.Names
            .Where(s => s is SurfaceNames.Slack or SurfaceNames.Teams)
            .Select(s => new OutboxMessage(Guid.CreateVersion7(now).ToString("N"), spike.Id, s, OutboxKind.SpikeAlert, now) { DueAt = now, People = crisisTeam })];
    }

    /// <summary>
    /// The fastest arrival rate over the window's last minutes, two of them or more, in posts a minute: ending
    /// now, or with the last whole minute (just after a minute turns, the new one has hardly begun).
    /// </summary>
    private static double BurstPerMinute(IReadOnlyList<int> minutes) =>
        Math.Max(BurstEndingWith(minutes), minutes.Count > 2 ? BurstEndingWith([.. minutes.Take(minutes.Count - 1)]) : 0);

    private static double BurstEndingWith(IReadOnlyList<int> minutes)
    {
        var fastest = 0.0;
        var sum = minutes.Count > 0 ? minutes[^1] : 0;
        for (var span = 2; span <= minutes.Count; span++)
        {
            sum += minutes[^span];
            fastest = Math.Max(fastest, (double)sum / span);
        }

        return fastest;
    }

    /// <summary>The usual posts in a window: the mean of this hour of the week over the past weeks, never below the floor.</summary>
    private static double Baseline(TermCounts counts, SpikeOptions settings)
    {
        var perHour = counts.PastWeeks.Count == 0 ? 0 : counts.PastWeeks.Average();
        return Math.Max(perHour, settings.BaselineFloorPerHour) * settings.Window.TotalMinutes / 60;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Spike {SpikeId} in {Queue}: {Count} posts in the window, usually {Baseline}")]
    private partial void LogSpike(string queue, string spikeId, int count, double baseline);
}

/// <summary>A stored post waiting to be counted, with the time it arrived.</summary>
internal readonly record struct ArrivedPost(string Queue, string PostId, string Text, DateTimeOffset At);
