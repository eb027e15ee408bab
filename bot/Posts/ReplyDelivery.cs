namespace ChatOpsReply.Posts;

/// <summary>
/// How far a sent reply got: waiting in the outbox, taken by the customer's platform (with its id
/// for the message), confirmed delivered, or not delivered and why. Recorded on the post with an
/// audit event in one write, so every surface and instance shows the same.
/// </summary>
/// <param name="At">When this was learned (for a pending reply: when it was queued).</param>
public sealed record ReplyDelivery(ReplyDeliveryStatus Status, DateTimeOffset? At = null)
{
    public static readonly ReplyDelivery Pending = new(ReplyDeliveryStatus.Pending);

    /// <summary>The platform's id for the reply (a Twilio message sid, a comment or post id, a Message-ID).</summary>
    public string? ExternalId { get; init; }

    /// <summary>Why it was not delivered (the platform's error in words), or who confirmed it arrived.</summary>
    public string? Reason { get; init; }

    /// <summary>Which sending this is: 1, then one more each time the owner sends it again.</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>The platform has it: the customer can see it (or their handset confirmed it).</summary>
    public bool Reached => Status is ReplyDeliveryStatus.Sent or ReplyDeliveryStatus.Delivered;

    /// <summary>What the owner may send again: a failure retrying could fix, or an outcome nobody knows (after checking).</summary>
    public bool MaySendAgain => Status is ReplyDeliveryStatus.Failed or ReplyDeliveryStatus.Unknown;

    /// <summary>
    /// Whether a report moves this delivery on: a later attempt's news, never back to an earlier
    /// stage (a "sent" after "delivered", a repeat), and nothing after a final outcome. A report
    /// about another message than the one recorded (an earlier attempt's) is no news either.
    /// </summary>
    public bool IsMovedOnBy(ReplyDelivery report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Attempt != Attempt || (ExternalId is not null && report.ExternalId is not null && ExternalId != report.ExternalId))
        {
            return false;
        }

        return (Status, report.Status) switch
        {
            (ReplyDeliveryStatus.Pending, not ReplyDeliveryStatus.Pending) => true,
            // A late status callback settles what a lost answer left unknown.
            (ReplyDeliveryStatus.Unknown, ReplyDeliveryStatus.Sent or ReplyDeliveryStatus.Delivered or ReplyDeliveryStatus.Failed or ReplyDeliveryStatus.Refused) => true,
            // The handset's answer comes after the platform took the message.
            (ReplyDeliveryStatus.Sent, ReplyDeliveryStatus.Delivered or ReplyDeliveryStatus.Failed or ReplyDeliveryStatus.Refused) => true,
            _ => false,
        };
    }
}

public enum ReplyDeliveryStatus
{
    /// <summary>In the outbox: not yet taken by the platform.</summary>
    Pending,

    /// <summary>The platform took it and gave it an id.</summary>
    Sent,

    /// <summary>The platform confirmed the customer got it (a text's delivery receipt).</summary>
    Delivered,

    /// <summary>Not delivered; the owner may send it again (an outage that outlasted the retries, an unknown error).</summary>
    Failed,

    /// <summary>Not delivered, and sending again cannot help (opted out, window closed, post deleted, reply not allowed).</summary>
    Refused,

    /// <summary>The request left but no answer came: it may or may not have arrived. Never sent again blindly.</summary>
    Unknown,

    /// <summary>No sender is configured for the post's source: the reply went nowhere.</summary>
    NoSender,
}
