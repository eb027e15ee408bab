namespace ChatOpsReply.Posts.Figures;

/// <summary>What managers look at for one period and cut of the posts, computed from the store.</summary>
/// <param name="Rows">One row per post in the period and cut, oldest first: what the CSV download holds and the drill-downs list.</param>
/// <param name="Waiting">Replies waiting for approval now (whenever their post arrived), oldest first.</param>
/// <param name="Daily">One entry per day of the period, in the query's zone.</param>
/// <param name="Arrivals">Posts received, by weekday (Monday first) and hour of the day, in the query's zone.</param>
/// <param name="FirstReplyLimit">The first tier's claim and reply limits together, of the queue shown (the SLA line of the daily chart).</param>
public sealed record TeamFigures(
    FiguresQuery Query,
    DateTimeOffset ComputedAt,
    IReadOnlyList<PostTimes> Rows,
    TimeFigures TimeToClaim,
    TimeFigures TimeToFirstReply,
    SlaCompliance Compliance,
    IReadOnlyList<QueueCompliance> ByQueue,
    IReadOnlyList<TierBreaches> BreachesByTier,
    IReadOnlyList<PostTimes> Waiting,
    IReadOnlyDictionary<PostState, int> ByState,
    IReadOnlyList<SourceMood> Heated,
    IReadOnlyList<DayFigures> Daily,
    int[][] Arrivals,
    TimeSpan FirstReplyLimit,
    string FirstReplyLimitQueue);

/// <summary>The median and 90th percentile of a set of durations (nearest rank); null when the set is empty.</summary>
public sealed record Spread(int Count, TimeSpan? Median, TimeSpan? P90)
{
    public static Spread Of(IEnumerable<TimeSpan> durations)
    {
        var sorted = durations.Order().ToArray();
        return sorted.Length == 0 ? new Spread(0, null, null) : new Spread(sorted.Length, Rank(sorted, 50), Rank(sorted, 90));
    }

    /// <summary>The smallest value with at least <paramref name="percent"/>% of the set at or below it.</summary>
    private static TimeSpan Rank(TimeSpan[] sorted, int percent) => sorted[Math.Max(0, (int)Math.Ceiling(percent / 100.0 * sorted.Length) - 1)];
}

/// <summary>A duration counted on the clock and in the queue's business hours.</summary>
public sealed record TimeFigures(Spread Calendar, Spread Business);

/// <summary>
/// SLA compliance over the posts whose outcome is known: claimed (or not) by the first tier's claim
/// limit, answered (or not) by its reply limit after the claim, both in business hours.
/// </summary>
public sealed record SlaCompliance(int ClaimKnown, int ClaimedInTime, int ReplyKnown, int AnsweredInTime, int Known, int Compliant)
{
    public double? ClaimedPercent => Percent(ClaimedInTime, ClaimKnown);

    public double? AnsweredPercent => Percent(AnsweredInTime, ReplyKnown);

    public double? CompliantPercent => Percent(Compliant, Known);

    public static SlaCompliance Of(IEnumerable<PostTimes> rows)
    {
        int claimKnown = 0, claimed = 0, replyKnown = 0, answered = 0, known = 0, compliant = 0;
        foreach (var row in rows)
        {
            claimKnown += row.ClaimedInTime is null ? 0 : 1;
            claimed += row.ClaimedInTime == true ? 1 : 0;
            replyKnown += row.AnsweredInTime is null ? 0 : 1;
            answered += row.AnsweredInTime == true ? 1 : 0;
            known += row.Compliant is null ? 0 : 1;
            compliant += row.Compliant == true ? 1 : 0;
        }

        return new SlaCompliance(claimKnown, claimed, replyKnown, answered, known, compliant);
    }

    private static double? Percent(int part, int whole) => whole == 0 ? null : 100.0 * part / whole;
}

public sealed record QueueCompliance(string Queue, string DisplayName, SlaCompliance Compliance);

/// <summary>SLA breaches recorded on the period's posts while a tier of a queue was accountable.</summary>
public sealed record TierBreaches(string Queue, string QueueName, int Tier, string TierName, int Breaches, int Posts);

/// <summary>How many of a source's posts in the period have a heated thread (the customer keeps writing, shouts or uses angry words).</summary>
public sealed record SourceMood(string Source, int Posts, int Heated);

/// <summary>One day of the period: arrivals, and the time to first reply of the posts that arrived that day.</summary>
public sealed record DayFigures(DateOnly Day, int Arrived, Spread FirstReplyBusiness, Spread FirstReplyCalendar);

/// <summary>One post's times as the figures count them.</summary>
/// <param name="ClaimedInTime">Null while the claim limit has not passed unclaimed, and for dismissed posts (no reply owed).</param>
/// <param name="AnsweredInTime">Null while the reply limit has not passed unanswered, and for dismissed posts.</param>
/// <param name="WaitingSince">When the reply now waiting for approval was submitted.</param>
public sealed record PostTimes(
    string PostId,
    string Source,
    string Queue,
    int Tier,
    string? Owner,
    PostState State,
    bool Sensitive,
    bool Heated,
    int Breaches,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? FirstClaimedAt,
    DateTimeOffset? FirstReplyAt,
    TimeSpan? ClaimCalendar,
    TimeSpan? ClaimBusiness,
    TimeSpan? FirstReplyCalendar,
    TimeSpan? FirstReplyBusiness,
    bool? ClaimedInTime,
    bool? AnsweredInTime,
    DateTimeOffset? WaitingSince)
{
    /// <summary>True when claimed and answered in time, false when either was missed, null while not known.</summary>
    public bool? Compliant => ClaimedInTime == false || AnsweredInTime == false ? false : ClaimedInTime == true && AnsweredInTime == true ? true : null;
}
