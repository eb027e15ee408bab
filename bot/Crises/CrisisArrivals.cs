using System.Threading.Channels;
using ChatOpsReply.Accountability;
using ChatOpsReply.Posts;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Crises;

/// <summary>
/// New posts join a declared crisis on arrival. Intake hands each stored post to <see cref="Notice"/>, which
/// matches it against the crises in memory (<see cref="DeclaredCrises"/>: no store call, nothing at all while
/// none is declared) and queues a match; the move itself runs here, off the ingest request. Every
/// <see cref="DeclaredCrisisOptions.RefreshInterval"/> the crises are read again and the posts received since the
/// last sweep are looked over, so a post that arrived at an instance still behind, or queued when one stopped,
/// joins within one interval; a crisis seen for the first time is swept over its whole window (one declared just
/// before a restart, whose moves were cut short). The command key makes a post moved twice "done already".
/// </summary>
public sealed partial class CrisisArrivals(
    DeclaredCrises declared,
    CrisisDeclarations declarations,
    AccountabilityPolicy policy,
    IEnumerable<ICrisisJoins> joins,
    IOptions<DeclaredCrisisOptions> options,
    TimeProvider time,
    ILogger<CrisisArrivals> logger) : BackgroundService
{
    private readonly Channel<(Crisis Crisis, string PostId)> _joining = Channel.CreateBounded<(Crisis, string)>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>The crises swept over their whole window by this instance, and when each was swept last.</summary>
    private readonly Dictionary<string, DateTimeOffset> _swept = new(StringComparer.Ordinal);

    /// <summary>A post just stored: queued to join the declared crisis that covers it, if one does. A full queue leaves it to the next sweep.</summary>
    public void Notice(CustomerPost post)
    {
        ArgumentNullException.ThrowIfNull(post);
        if (declared.Covering(post) is { } crisis)
        {
            _joining.Writer.TryWrite((crisis, post.Id));
        }
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await declared.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException e)
        {
            // Start anyway: the sweep reads them as soon as the store answers.
            LogNotLoaded(e.Message);
        }

        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(
            ServiceLoop.RunAsync("Crisis arrivals", JoinNextAsync, time, logger, stoppingToken),
            ServiceLoop.RunAsync(
                "Declared crises refresh",
                async ct =>
                {
                    await SweepAsync(ct).ConfigureAwait(false);
                    await Task.Delay(options.Value.RefreshInterval, time, ct).ConfigureAwait(false);
                },
                time,
                logger,
                stoppingToken));

    private async Task JoinNextAsync(CancellationToken cancellationToken)
    {
        var (crisis, postId) = await _joining.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (Declarer(crisis) is { } actor
            && (await declarations.MoveInAsync(crisis, postId, actor, SurfaceNames.Ingest, cancellationToken).ConfigureAwait(false)).Outcome == CommandOutcome.Applied)
        {
            foreach (var join in joins)
            {
                await join.JoinedAsync(crisis, postId, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Reads the declared crises again and moves what each covers among the posts received since its last sweep.</summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var crises = await declared.RefreshAsync(cancellationToken).ConfigureAwait(false);
        foreach (var gone in _swept.Keys.Except(crises.Select(c => c.Id)).ToList())
        {
            _swept.Remove(gone);
        }

        foreach (var crisis in crises)
        {
            if (Declarer(crisis) is not { } actor)
            {
                continue;
            }

            // A margin of one interval: a post stored just before the last sweep read the list is looked at again.
            var since = _swept.TryGetValue(crisis.Id, out var last) ? last - options.Value.RefreshInterval : crisis.WindowStart;
            var moves = await declarations.MoveInAsync(crisis with { WindowStart = since > crisis.WindowStart ? since : crisis.WindowStart }, actor, SurfaceNames.Ingest, cancellationToken).ConfigureAwait(false);
            _swept[crisis.Id] = now;
            if (moves.Moved > 0)
            {
                LogSwept(crisis.Id, moves.Moved);
            }
        }
    }

    /// <summary>Posts join as moved by the person who declared the crisis: the audit trail names them, and the workflow's guards are theirs.</summary>
    private Person? Declarer(Crisis crisis) => policy.People.Find(crisis.DeclaredBy);

    [LoggerMessage(Level = LogLevel.Information, Message = "Crisis {CrisisId}: {Moved} posts joined it")]
    private partial void LogSwept(string crisisId, int moved);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Declared crises not loaded at start, loading them in the background: {Reason}")]
    private partial void LogNotLoaded(string reason);
}
