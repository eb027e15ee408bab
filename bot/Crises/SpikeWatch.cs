using ChatOpsReply.Accountability;
using ChatOpsReply.Posts;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Crises;

/// <summary>
/// Counts each new post under its queue and topic terms and decides whether a topic is spiking:
/// at least <see cref="SpikeOptions.MinimumPosts"/> in the window, and <see cref="SpikeOptions.Factor"/>
/// times its usual count for this hour of the week. A new spike pages the crisis room once.
/// </summary>
public sealed partial class SpikeWatch(
    ISpikeStore store,
    AccountabilityPolicy policy,
    ISurfaceNames surfaces,
    OutboxSignal outboxSignal,
    IOptions<SpikeOptions> options,
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

        var at = post.ReceivedAt;
        var counts = await store.CountAsync(new TopicArrival(post.Queue, terms, post.Id, at, settings.WindowMinutes, settings.BaselineWeeks), cancellationToken).ConfigureAwait(false);
        var hot = counts
            .Select(c => (Counts: c, Baseline: Baseline(c, settings)))
            .Where(t => t.Counts.InWindow >= settings.MinimumPosts && t.Counts.InWindow >= settings.Factor * t.Baseline)
            .OrderByDescending(t => t.Counts.InWindow)
            .ToList();
        if (hot.Count == 0)
        {
            return null;
        }

        var (top, baseline) = hot[0];
        var spike = new Spike(
            Guid.CreateVersion7(at).ToString("N"),
            post.Queue,
            post.Id,
            [.. hot.Select(t => t.Counts.Term)],
            FoundAt: at,
            Until: at + settings.Window,
            top.InWindow,
            Math.Round(baseline, 1),
            top.Minutes,
            [.. top.RecentPosts.Take(3)]);
        var opening = await store.OpenAsync(spike, AlertMessages(spike, at), cancellationToken).ConfigureAwait(false);
        if (opening.Opened)
        {
            LogSpike(post.Queue, spike.Id, spike.Count, spike.Baseline);
            outboxSignal.Notify();
        }

        return opening;
    }

    /// <summary>The alert on each chat surface (a Slack channel, a Teams channel), sent with the spike or shown again after a change.</summary>
    public IReadOnlyList<OutboxMessage> AlertMessages(Spike spike, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(spike);
        var crisisTeam = policy.People.WithRole(policy.CrisisRole).Select(p => p.Id).ToList();
        return [.. surfaces.Names
            .Where(s => s is SurfaceNames.Slack or SurfaceNames.Teams)
            .Select(s => new OutboxMessage(Guid.CreateVersion7(now).ToString("N"), spike.PostId, s, OutboxKind.SpikeAlert, now) { DueAt = now, Text = spike.Id, People = crisisTeam })];
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
