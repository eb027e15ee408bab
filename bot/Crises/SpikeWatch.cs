using ChatOpsReply.Accountability;
using ChatOpsReply.Posts;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Crises;

/// <summary>
/// Counts each new post under its queue and topic terms and decides whether a topic is spiking:
/// at least <see cref="SpikeOptions.MinimumPosts"/> in the window, arriving at <see cref="SpikeOptions.Factor"/>
/// times its usual rate for this hour of the week over the window's last minutes (two or more, so a
/// burst is seen within two minutes, not only once it has filled the window). A new spike pages the
/// crisis room once.
/// </summary>
public sealed partial class SpikeWatch(
    ISpikeStore store,
    AccountabilityPolicy policy,
    ISurfaceNames surfaces,
    OutboxSignal outboxSignal,
    IOptions<SpikeOptions> options,
    TimeProvider time,
    ILogger<SpikeWatch> logger)
{
    /// <summary>Counts the post; answers the spike it is part of, if its topic is spiking (new or going on).</summary>
    public async Task<SpikeOpening?> ObserveAsync(CustomerPost post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        var settings = options.Value;
        var terms = TopicTerms.Of(post.Text, settings.TermsPerPost);
        if (!settings.Enabled || terms.Count == 0)
        {
            return null;
        }

        // The service's clock, not the platform's timestamp: a late webhook counts as it arrives, in the window being watched.
        var at = time.GetUtcNow();
        var counts = await store.CountAsync(new TopicArrival(post.Queue, terms, post.Id, at, settings.WindowMinutes, settings.BaselineWeeks), cancellationToken).ConfigureAwait(false);
        var hot = counts
            .Select(c => (Counts: c, Baseline: Baseline(c, settings)))
            .Where(t => t.Counts.InWindow >= settings.MinimumPosts && BurstPerMinute(t.Counts.Minutes) >= settings.Factor * t.Baseline / t.Counts.Minutes.Count)
            .OrderByDescending(t => t.Counts.InWindow)
            // Of terms as busy, the longer names the topic best ("outage" before "app").
            .ThenByDescending(t => t.Counts.Term.Length)
            .ThenBy(t => t.Counts.Term, StringComparer.Ordinal)
            .ToList();
        if (hot.Count == 0)
        {
            return null;
        }

        var (top, baseline) = hot[0];
        var spike = new Spike(
            Guid.CreateVersion7(at).ToString("N"),
            post.Queue,
            [.. hot.Select(t => t.Counts.Term)],
            FoundAt: at,
            Until: at + settings.Window,
            top.InWindow,
            Math.Round(baseline, 1),
            top.Minutes,
            [.. top.RecentPosts.Take(3)]);
        var opening = await store.OpenAsync(spike, terms, AlertMessages(spike, at), cancellationToken).ConfigureAwait(false);
        if (opening.Opened)
        {
            LogSpike(post.Queue, spike.Id, spike.Count, spike.Baseline);
            outboxSignal.Notify();
        }

        return opening;
    }

    /// <summary>
    /// The alert on each chat surface that shows one (the crisis channel in Slack and Teams), sent with the spike or shown again
    /// after a change. Its messages are the spike's (<see cref="OutboxMessage.PostId"/> is the spike's id), so
    /// they never wait behind a post's card, which a burst may hold up in its channel's pace.
    /// </summary>
    public IReadOnlyList<OutboxMessage> AlertMessages(Spike spike, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(spike);
        var crisisTeam = policy.People.WithRole(policy.CrisisRole).Select(p => p.Id).ToList();
        return [.. surfaces.Names
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
