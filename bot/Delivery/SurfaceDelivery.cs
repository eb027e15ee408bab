using ChatOpsReply.Guidelines;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Delivery;

/// <summary>How a target answered an outbox message.</summary>
public sealed record SurfaceDelivery(SurfaceDeliveryStatus Status, string? Reason = null, TimeSpan? RetryAfter = null)
{
    public static readonly SurfaceDelivery Delivered = new(SurfaceDeliveryStatus.Delivered);

    /// <summary>
    /// For a reply, what became of it beyond delivered or failed: refused for good, an outcome nobody
    /// knows, no sender at all. Null: taken (when delivered) or failed in a way the owner may retry.
    /// </summary>
    public ReplyDeliveryStatus? Reply { get; init; }

    /// <summary>For a reply the platform took: its id for it.</summary>
    public string? ExternalId { get; init; }

    /// <summary>For a reply refused because the customer opted out (Twilio's 21610): the consent record that says so.</summary>
    public ConsentRecord? OptOut { get; init; }

    /// <summary>A passing failure (rate limit, outage): try again later, after <paramref name="after"/> if the platform said so.</summary>
    public static SurfaceDelivery Retry(string reason, TimeSpan? after = null) => new(SurfaceDeliveryStatus.Retry, reason, after);

    /// <summary>
    /// Not sent yet, by our own pacing of the platform's limits: offer it again after
    /// <paramref name="wait"/> without counting an attempt, so a long burst is never given up on.
    /// </summary>
    public static SurfaceDelivery Defer(string reason, TimeSpan wait) => new(SurfaceDeliveryStatus.Deferred, reason, wait);

    /// <summary>It will not work now (channel gone, bot removed, credentials refused): keep it for an operator, do not retry. A reply's owner may send it again.</summary>
    public static SurfaceDelivery Failed(string reason) => new(SurfaceDeliveryStatus.Failed, reason);

    /// <summary>The platform took the reply, and calls it <paramref name="externalId"/>.</summary>
    public static SurfaceDelivery Accepted(string? externalId) => Delivered with { ExternalId = externalId };

    /// <summary>The platform refused the reply in a way sending it again cannot change (opted out, window closed, deleted, not allowed).</summary>
    public static SurfaceDelivery Refused(string reason, ConsentRecord? optOut = null) => new(SurfaceDeliveryStatus.Failed, reason) { Reply = ReplyDeliveryStatus.Refused, OptOut = optOut };

    /// <summary>The request left and no answer came: the reply may or may not have arrived. Never sent again without a person's look.</summary>
    public static SurfaceDelivery Unknown(string reason) => new(SurfaceDeliveryStatus.Failed, reason) { Reply = ReplyDeliveryStatus.Unknown };

    /// <summary>Nothing can send to the post's source: done with, and said so on the post.</summary>
    public static SurfaceDelivery NoSender(string reason) => new(SurfaceDeliveryStatus.Delivered, reason) { Reply = ReplyDeliveryStatus.NoSender };
}
