using ChatOpsReply.Guidelines;

namespace ChatOpsReply.Posts;

/// <summary>
/// Everything the guards need that lives outside the post, loaded before the machine runs,
/// so that deciding never does I/O.
/// </summary>
public sealed record WorkflowFacts
{
    public static readonly WorkflowFacts None = new();

    /// <summary>For showing buttons: guards on what a person types or on customer consent count as met.</summary>
    public static readonly WorkflowFacts Probe = new() { IsProbe = true };

    public bool IsProbe { get; init; }

    /// <summary>The customer's texting consent, for text-message sources.</summary>
    public ConsentRecord? Consent { get; init; }

    /// <summary>Texts sent to this customer within the frequency-cap window.</summary>
    public int RecentTexts { get; init; }

    /// <summary>Why the post's platform will not take a reply now (window closed, quiet hours, not allowed), for Send.</summary>
    public GuidelineFinding? ChannelRefusal { get; init; }

    /// <summary>The library answer named by the draft, when the library confirmed it is used unmodified.</summary>
    public CannedAnswerUse? VerifiedAnswer { get; init; }
}
