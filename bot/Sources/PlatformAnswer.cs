using ChatOpsReply.Delivery;

namespace ChatOpsReply.Sources;

/// <summary>
/// How a customer platform answered one reply we sent: its HTTP status and body, or why no
/// answer came, and whether the request had already left when it went wrong (then the reply
/// may have reached the customer, and sending it again could say it twice).
/// </summary>
public sealed record PlatformAnswer(int? Status, byte[] Body, TimeSpan? RetryAfter, string? Failure, bool RequestLeft)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>
    /// The outcomes every platform shares: unreachable before the request left, 429 and 5xx are
    /// passing (retried through the outbox, after Retry-After when given); no answer after the
    /// request left is an unknown outcome, never resent blindly. Null for the platform to decide
    /// (a 2xx, or a 4xx carrying the platform's own error).
    /// </summary>
    public SurfaceDelivery? Shared(string platform)
    {
        if (Failure is not null)
        {
            return RequestLeft
                ? SurfaceDelivery.Unknown($"{platform} did not answer after the reply was sent ({Failure}): it may not have been delivered. Check on {platform} before sending it again.")
                : SurfaceDelivery.Retry($"{platform} could not be reached: {Failure}");
        }

        return Status switch
        {
            429 => SurfaceDelivery.Retry($"{platform} rate limit", RetryAfter),
            >= 500 or 408 => SurfaceDelivery.Retry($"{platform} answered HTTP {Status}", RetryAfter),
            _ => null,
        };
    }
}
