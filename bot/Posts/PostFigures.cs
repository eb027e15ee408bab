using System.Diagnostics.Metrics;
using ChatOpsReply.Telemetry;

namespace ChatOpsReply.Posts;

/// <summary>Posts by lifecycle state, and whether the store answered, read from the shared store at each collection.</summary>
public sealed class PostFigures : IScrapedFigures
{
    private readonly IPostStore _posts;
    private IReadOnlyDictionary<PostState, long> _byState = new Dictionary<PostState, long>();
    private int _storeUp;

    public PostFigures(IPostStore posts, IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _posts = posts;
        var meter = meters.Create(ServiceMeter.Name);
        meter.CreateObservableGauge("chatopsreply.posts", () => _byState.Select(p => new Measurement<long>(p.Value, new KeyValuePair<string, object?>("state", p.Key.ToString()))), description: "Posts by lifecycle state.");
        meter.CreateObservableGauge("chatopsreply.store_up", () => Volatile.Read(ref _storeUp), description: "1 when the store answered this scrape.");
    }

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            _byState = await _posts.CountByStateAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _storeUp, 1);
        }
        catch (StoreUnavailableException)
        {
            Volatile.Write(ref _storeUp, 0);
        }
    }
}
