using ChatOpsReply.Guidelines;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Sources.Twilio;

/// <summary>
/// What Twilio's status callback says about a text we sent, recorded on the post like every other
/// delivery outcome: taken by Twilio (it settles an outcome left unknown by a lost answer), delivered
/// to the handset, or undelivered / failed with Twilio's error code in words, where 21610 means the
/// customer had opted out, recorded in the consent ledger in the same write.
/// </summary>
public sealed partial class TwilioDeliveryStatus(PostCommandHandler handler, TimeProvider time, ILogger<TwilioDeliveryStatus> logger)
{
    // Twilio: MessageStatus queued, sending, sent, delivered, undelivered, failed (and read), twilio.com/docs/messaging/guides/track-outbound-message-status
    /// <param name="attempt">The sending of the reply this text was (from our status callback URL): a late callback for an earlier one changes nothing.</param>
    /// <returns>False when the store kept changing and nothing was recorded (Twilio should call again).</returns>
    public async Task<bool> RecordAsync(string postId, int number, int attempt, string messageSid, string status, string? errorCode, string? to, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (report, optOut) = status switch
        {
            "accepted" or "queued" or "sending" or "sent" => (new ReplyDelivery(ReplyDeliveryStatus.Sent, now) { ExternalId = messageSid }, null),
            "delivered" or "read" => (new ReplyDelivery(ReplyDeliveryStatus.Delivered, now) { ExternalId = messageSid }, null),
            "undelivered" or "failed" => Undelivered(messageSid, status, errorCode, to, now),
            _ => ((ReplyDelivery?)null, (ConsentRecord?)null),
        };
        if (report is null)
        {
            return true;
        }

        if (!report.Reached)
        {
            LogUndelivered(postId, number, messageSid, status, errorCode);
        }

        var result = await handler.HandleAsync(PostCommand.DeliveryReport(postId, number, report with { Attempt = attempt }, optOut), cancellationToken).ConfigureAwait(false);
        return result.Outcome != CommandOutcome.Conflict;
    }

    /// <summary>The consent record Twilio's 21610 gives: the customer opted out of texts from us.</summary>
    public static ConsentRecord OptOut(string number, string? messageSid, DateTimeOffset at) =>
        new(SmsRules.Source, number, OptedIn: false, at, $"Twilio refused message {messageSid ?? "(not created)"} with error 21610: the customer had replied STOP to this sender");

    private static (ReplyDelivery Report, ConsentRecord? OptOut) Undelivered(string sid, string status, string? code, string? to, DateTimeOffset now)
    {
        var (words, mayRetry) = TwilioErrors.Describe(code);
        var reason = $"Twilio reports the text {status}: {words}{(code is { Length: > 0 } ? $" (error {code})" : "")}.";
        var report = new ReplyDelivery(mayRetry ? ReplyDeliveryStatus.Failed : ReplyDeliveryStatus.Refused, now) { ExternalId = sid, Reason = reason };
        return (report, code == TwilioErrors.OptedOut && to is { Length: > 0 } ? OptOut(to, sid, now) : null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Twilio reports reply {Number} of post {PostId} ({MessageSid}) {Status}, error {ErrorCode}")]
    private partial void LogUndelivered(string postId, int number, string messageSid, string status, string? errorCode);
}
