namespace ChatOpsReply.Posts.Figures;

/// <summary>
/// Which posts the figures are about: those received in [<see cref="From"/>, <see cref="Before"/>),
/// cut by any of queue, tier, person and source (a post must match every filter that is set).
/// </summary>
/// <param name="Zone">Where days and hours are counted (the daily series, the arrivals heat map).</param>
public sealed record FiguresQuery(DateTimeOffset From, DateTimeOffset Before, TimeZoneInfo Zone)
{
    public string? Queue { get; init; }

    /// <summary>The index of the tier of the queue's chain that holds (or last held) the post.</summary>
    public int? Tier { get; init; }

    /// <summary>The accountable person's id: the post's owner now, or the last one.</summary>
    public string? Person { get; init; }

    public string? Source { get; init; }

    /// <summary>Whether a post passes the queue, tier, person and source filters (the period is applied by the store).</summary>
    public bool Takes(CustomerPost post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return (Queue is null || string.Equals(post.Queue, Queue, StringComparison.OrdinalIgnoreCase))
            && (Tier is null || post.Tier == Tier)
            && (Person is null || string.Equals(post.Owner, Person, StringComparison.OrdinalIgnoreCase))
            && (Source is null || string.Equals(post.Source, Source, StringComparison.OrdinalIgnoreCase));
    }
}
