using ChatOpsReply.Posts;

namespace ChatOpsReply.Crises;

/// <summary>
/// The crises declared now, as this instance last read them: what a new post is matched against on
/// arrival without a store call (none at all while no crisis is declared). Read again every
/// <see cref="DeclaredCrisisOptions.RefreshInterval"/> by <see cref="CrisisArrivals"/>, and at once on a change made here.
/// </summary>
public sealed class DeclaredCrises(ICrisisStore store)
{
    private volatile IReadOnlyList<Crisis> _declared = [];

    public IReadOnlyList<Crisis> Current => _declared;

    /// <summary>The declared crisis that takes <paramref name="post"/>, if one does.</summary>
    public Crisis? Covering(CustomerPost post)
    {
        var declared = _declared;
        return declared.Count == 0 ? null : declared.FirstOrDefault(c => c.Covers(post));
    }

    public async Task<IReadOnlyList<Crisis>> RefreshAsync(CancellationToken cancellationToken)
    {
        var declared = await store.DeclaredAsync(cancellationToken).ConfigureAwait(false);
        _declared = declared;
        return declared;
    }

    /// <summary>A crisis declared or resolved by this instance, known here before the next refresh.</summary>
    public void Changed(Crisis crisis)
    {
        ArgumentNullException.ThrowIfNull(crisis);
        var others = _declared.Where(c => c.Id != crisis.Id);
        _declared = crisis.Status == CrisisStatus.Declared ? [.. others, crisis] : [.. others];
    }
}
