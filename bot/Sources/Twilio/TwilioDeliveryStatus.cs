using ChatOpsReply.Guidelines;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Sources.Twilio;

/// <summary>
/// What Twilio's status callback says about a text we sent: delivered to the handset (recorded
/// with the time and Twilio's message sid), or undelivered / failed with Twilio's error code,
/// where 21610 means the customer had opted out and is recorded in the consent ledger.
/// </summary>
public sealed partial class TwilioDeliveryStatus(ISentReplies sentReplies, IConsentStore consent, TimeProvider time, ILogger<TwilioDeliveryStatus> logger)
{
    // Twilio: error 21610, the recipient replied STOP to this sender, twilio.com/docs/api/errors/21610
    public const string OptedOutError = "21610";

    // Twilio: MessageStatus queued, sending, sent, delivered, undelivered, failed (and read), twilio.com/docs/messaging/guides/track-outbound-message-status
    public async Task RecordAsync(string postId, int number, string messageSid, string status, string? errorCode, string? to, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        switch (status)
        {
            case "delivered" or "read":
                await sentReplies.MarkDeliveredAsync(postId, number, now, messageSid, cancellationToken).ConfigureAwait(false);
                break;
            case "undelivered" or "failed":
                LogUndelivered(postId, number, messageSid, status, errorCode);
                if (errorCode == OptedOutError && to is { Length: > 0 })
                {
                    await consent.SetAsync(OptOut(to, messageSid, now), cancellationToken).ConfigureAwait(false);
                }

                break;
            default:
                // Intermediate states (queued, sending, sent) change nothing we show.
                break;
        }
    }

    /// <summary>The consent record Twilio's 21610 gives: the customer opted out of texts from us.</summary>
    public static ConsentRecord OptOut(string number, string? messageSid, DateTimeOffset at) =>
        new(SmsRules.Source, number, OptedIn: false, at, $"Twilio refused message {messageSid ?? "(not created)"} with error 21610: the customer had replied STOP to this sender");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Twilio reports reply {Number} of post {PostId} ({MessageSid}) {Status}, error {ErrorCode}")]
    private partial void LogUndelivered(string postId, int number, string messageSid, string status, string? errorCode);
}
