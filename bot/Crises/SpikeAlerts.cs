using ChatOpsReply.Accountability;
using ChatOpsReply.Cards;
using ChatOpsReply.Posts;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Crises;

/// <summary>
/// A spike's alert as every surface shows it, and what the crisis team can answer on it.
/// "Not a crisis" keeps the topic quiet for <see cref="SpikeOptions.Silence"/>.
/// </summary>
public sealed class SpikeAlerts(
    ISpikeStore store,
    IPostStore posts,
    SpikeWatch watch,
    AccountabilityPolicy policy,
    OutboxSignal outboxSignal,
    IOptions<SpikeOptions> options,
    TimeProvider time)
{
    /// <summary>The button that says the spike is no crisis.</summary>
    public const string NotACrisisAction = "SpikeNotACrisis";

    public const string NotYoursText = "Only the crisis team and managers can say whether a spike is a crisis.";

    public const string UnknownSpikeText = "This alert is about a spike ChatOpsReply no longer knows.";

    /// <summary>Whether this person may answer a spike alert: the crisis team, managers and admins.</summary>
    public bool MayAnswer(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return person.HasRole(policy.CrisisRole) || person.HasRole(Roles.Manager) || person.HasRole(Roles.Admin);
    }

    public async Task<SpikeAlertView?> ViewAsync(string spikeId, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(spikeId, cancellationToken).ConfigureAwait(false) is not { } spike)
        {
            return null;
        }

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
        return new SpikeAlertView(spike.Id, headline, Sparkline.Of(spike.Minutes), spike.Terms, samples, status);
    }

    /// <summary>"Not a crisis": a sentence for the person, and the alert shown again saying who decided.</summary>
    public async Task<string> NotACrisisAsync(string spikeId, Person person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (!MayAnswer(person))
        {
            return NotYoursText;
        }

        if (await store.GetAsync(spikeId, cancellationToken).ConfigureAwait(false) is not { } spike)
        {
            return UnknownSpikeText;
        }

        var now = time.GetUtcNow();
        var silenced = await store.SilenceAsync(spikeId, person.Id, now + options.Value.Silence, watch.AlertMessages(spike, now), cancellationToken).ConfigureAwait(false);
        if (silenced is null)
        {
            return UnknownSpikeText;
        }

        if (silenced.SilencedBy != person.Id || silenced.Status != SpikeStatus.NotACrisis)
        {
            return $"{policy.People.NameOf(silenced.SilencedBy)} already said this is not a crisis.";
        }

        outboxSignal.Notify();
        return $"Noted: not a crisis. '{spike.Terms[0]}' raises no alert until {silenced.SilencedUntil:HH:mm} UTC.";
    }

    private static string Shortened(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}

/// <param name="Status">What was decided, once someone did; null while the alert waits for an answer.</param>
public sealed record SpikeAlertView(string SpikeId, string Headline, string Sparkline, IReadOnlyList<string> Terms, IReadOnlyList<SpikeSample> Samples, string? Status)
{
    /// <summary>Whether the crisis team still has to answer it (its buttons are shown).</summary>
    public bool Open => Status is null;
}

/// <param name="Author">The customer as cards show them, hidden characters made visible.</param>
/// <param name="Text">The post's words, shortened, hidden characters made visible.</param>
public sealed record SpikeSample(string PostId, string Author, string Source, string Text);
