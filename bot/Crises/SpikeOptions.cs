namespace ChatOpsReply.Crises;

/// <summary>When a burst of posts on one topic looks like a crisis, under <c>Accountability:Crisis:Spike</c>.</summary>
public sealed class SpikeOptions
{
    public const string Section = "Accountability:Crisis:Spike";

    /// <summary>Counting and alerts; off, nothing is counted.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How many times the usual number of posts in the window makes a spike.</summary>
    public double Factor { get; set; } = 10;

    /// <summary>And at least this many posts in the window: a quiet topic going from 0 to 3 is no crisis.</summary>
    public int MinimumPosts { get; set; } = 20;

    /// <summary>The sliding window arrivals are counted in, in whole minutes.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How many past weeks the baseline for an hour of the week is the mean of.</summary>
    public int BaselineWeeks { get; set; } = 4;

    /// <summary>The fewest posts an hour the baseline assumes, for a topic or an hour with no history yet.</summary>
    public double BaselineFloorPerHour { get; set; } = 6;

    /// <summary>How long "Not a crisis" keeps a topic quiet.</summary>
    public TimeSpan Silence { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How many terms of each post are counted as its topics.</summary>
    public int TermsPerPost { get; set; } = 6;

    /// <summary>The window in whole minutes.</summary>
    public int WindowMinutes => (int)Math.Round(Window.TotalMinutes);
}
