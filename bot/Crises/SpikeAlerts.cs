using ChatOpsReply.Accountability;
using ChatOpsReply.Posts;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Crises;

/// <summary>
/// What the crisis team can answer on a spike's alert. "Not a crisis" keeps the topic quiet for
/// <see cref="SpikeOptions.Silence"/>.
/// </summary>
public sealed class SpikeAlerts(
    ISpikeStore store,
    ICrisisStore crises,
    SpikeWatch watch,
    AccountabilityPolicy policy,
    OutboxSignal outboxSignal,
    IOptions<SpikeOptions> options,
    TimeProvider time)
{
    /// <summary>The button that says the spike is no crisis.</summary>
    public const string NotACrisisAction = "SpikeNotACrisis";

    /// <summary>The button that declares the spike a crisis (it asks to confirm, with how many posts would move).</summary>
    public const string DeclareCrisisAction = "SpikeDeclareCrisis";

    /// <summary>The button on the alert of a declared crisis that resolves it (its value is the crisis's id).</summary>
    public const string ResolveCrisisAction = "CrisisResolve";

    public const string NotYoursText = "Only the crisis team and managers can say whether a spike is a crisis.";

    public const string UnknownSpikeText = "This alert is about a spike ChatOpsReply no longer knows.";

    /// <summary>Whether this person may answer a spike alert: the crisis team, managers and admins.</summary>
    public bool MayAnswer(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return person.HasRole(policy.CrisisRole) || person.HasRole(Roles.Manager) || person.HasRole(Roles.Admin);
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

        if (await crises.OfSpikeAsync(spikeId, cancellationToken).ConfigureAwait(false) is { Status: CrisisStatus.Declared } crisis)
        {
            return $"{policy.People.NameOf(crisis.DeclaredBy)} declared this spike a crisis at {crisis.DeclaredAt:HH:mm} UTC; resolve the crisis instead.";
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

}
