namespace ChatOpsReply.Delivery;

public enum SurfaceDeliveryStatus
{
    Delivered,
    Retry,

    /// <summary>Not tried: our own pacing of the platform's rate limits said wait. Not a failed attempt.</summary>
    Deferred,
    Failed,
}
