namespace ChatOpsReply.Privacy;

/// <summary>The "Privacy" section: how long a finished post keeps what its customer wrote.</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>
    /// Days after a post was closed or dismissed (its last change) when its customer's text, name
    /// and handle are erased, as a customer erasure would; unset keeps them for ever. Posts are
    /// erased rather than deleted so the audit trail stays whole and provable.
    /// </summary>
    public int? RetentionDays { get; set; }

    /// <summary>How often the retention sweep looks for posts past their time.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Whether this instance sweeps by itself (off in tests that sweep when they choose).</summary>
    public bool SweepInBackground { get; set; } = true;
}
