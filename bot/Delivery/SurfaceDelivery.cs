namespace ChatOpsReply.Delivery;

/// <summary>How a target answered an outbox message.</summary>
public sealed record SurfaceDelivery(SurfaceDeliveryStatus Status, string? Reason = null, TimeSpan? RetryAfter = null)
{
    public static readonly SurfaceDelivery Delivered = new(SurfaceDeliveryStatus.Delivered);

    /// <summary>A passing failure (rate limit, outage): try again later, after <paramref name="after"/> if the platform said so.</summary>
    public static SurfaceDelivery Retry(string reason, TimeSpan? after = null) => new(SurfaceDeliveryStatus.Retry, reason, after);

    /// <summary>
    /// Not sent yet, by our own pacing of the platform's limits: offer it again after
    /// <paramref name="wait"/> without counting an attempt, so a long burst is never given up on.
    /// </summary>
    public static SurfaceDelivery Defer(string reason, TimeSpan wait) => new(SurfaceDeliveryStatus.Deferred, reason, wait);

    /// <summary>It will never work (channel gone, bot removed): keep it for an operator, do not retry.</summary>
    public static SurfaceDelivery Failed(string reason) => new(SurfaceDeliveryStatus.Failed, reason);
}
