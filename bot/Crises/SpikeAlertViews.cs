using ChatOpsReply.Accountability;
using ChatOpsReply.Cards;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Crises;

/// <summary>
/// A spike's alert as every surface shows it. Apart from <see cref="SpikeAlerts"/>: the surfaces
/// render alerts, and the answers write the alert's messages for every surface.
/// </summary>
public sealed class SpikeAlertViews(ISpikeStore store, ICrisisStore crises, IPostStore posts, HoldingReports holding, AccountabilityPolicy policy)
{
    public async Task<SpikeAlertView?> ViewAsync(string spikeId, CancellationToken cancellationToken) =>
        await store.GetAsync(spikeId, cancellationToken).ConfigureAwait(false) is { } spike ? await ViewAsync(spike, cancellationToken).ConfigureAwait(false) : null;

    /// <summary>The alert of a spike already read (a caller that needs the spike itself too reads it once).</summary>
    public async Task<SpikeAlertView> ViewAsync(Spike spike, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spike);
        var samples = new List<SpikeSample>();
        foreach (var id in spike.SamplePosts)
        {
            if (await posts.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } post)
            {
                samples.Add(new SpikeSample(post.Id, new CardAuthor(post.Author.Handle, post.Author.DisplayName).Label, PostLabels.Source(post.Source), DisplayText.Neutralise(Shortened(post.Text, 200))));
            }
        }

        var queue = policy.Queue(spike.Queue).DisplayName;
        var minutes = spike.Minutes.Count;
        var headline = $"Possible crisis in {queue}: {spike.Count} posts about '{spike.Terms[0]}' in {minutes} min, usually {spike.Baseline.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)}";
        string? status = spike.Status == SpikeStatus.NotACrisis
            ? $"Not a crisis, said {policy.People.NameOf(spike.SilencedBy)}: '{spike.Terms[0]}' stays quiet until {spike.SilencedUntil:yyyy-MM-dd HH:mm} UTC."
            : null;
        var crisis = await crises.OfSpikeAsync(spike.Id, cancellationToken).ConfigureAwait(false);
        if (crisis is not null)
        {
            status = $"Crisis declared by {policy.People.NameOf(crisis.DeclaredBy)} at {crisis.DeclaredAt:yyyy-MM-dd HH:mm} UTC: posts about it go to the crisis team."
                + (crisis.Status == CrisisStatus.Resolved ? $" Resolved by {policy.People.NameOf(crisis.ResolvedBy)} at {crisis.ResolvedAt:yyyy-MM-dd HH:mm} UTC: its posts are back in {queue}." : "");
        }

        return new SpikeAlertView(spike.Id, headline, Sparkline.Of(spike.Minutes), spike.Terms, samples, status)
        {
            DeclaredCrisisId = crisis is { Status: CrisisStatus.Declared } ? crisis.Id : null,
            Holding = crisis is null ? null : await holding.DescribeAsync(crisis, cancellationToken).ConfigureAwait(false),
            HoldingAwaiting = crisis is { Status: CrisisStatus.Declared, Holding: { Status: HoldingStatus.Proposed } waiting } ? waiting.Id : null,
            Rejected = crisis?.Holding?.Status == HoldingStatus.Rejected,
        };
    }

    private static string Shortened(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
