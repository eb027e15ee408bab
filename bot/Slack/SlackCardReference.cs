namespace ChatOpsReply.Slack;

/// <summary>Where a message ChatOpsReply posted lives in Slack: its channel and timestamp (Slack's message id).</summary>
public sealed record SlackCardReference(string Channel, string Ts)
{
    /// <summary>The card in its queue's channel.</summary>
    public const string CardKey = "slack:card";

    /// <summary>The approval request in the approvers' channel.</summary>
    public const string ApprovalKey = "slack:approval";

    /// <summary>The alert in the crisis room.</summary>
    public const string CrisisKey = "slack:crisis";

    /// <summary>A digest message of a burst (under the digest message's id, <see cref="Delivery.BurstDigests.MessageId"/>).</summary>
    public const string DigestKey = "slack:digest";

    public override string ToString() => $"{Channel}/{Ts}";

    public static SlackCardReference? Parse(string? stored) =>
        stored?.Split('/', 2) is [{ Length: > 0 } channel, { Length: > 0 } ts] ? new SlackCardReference(channel, ts) : null;
}
