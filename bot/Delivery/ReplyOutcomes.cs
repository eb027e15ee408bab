using ChatOpsReply.Posts;

namespace ChatOpsReply.Delivery;

/// <summary>
/// Records on the post what became of a reply the outbox sent: as a service command through the
/// workflow, so the reply's delivery, its audit event and the refreshed cards are one write, and a
/// report that says nothing new (a repeat, a stale attempt) changes nothing.
/// </summary>
public sealed partial class ReplyOutcomes(PostCommandHandler handler, TimeProvider time, ILogger<ReplyOutcomes> logger)
{
    /// <param name="attempts">How many times the outbox tried, this one included.</param>
    public async Task RecordAsync(CustomerPost post, int number, SurfaceDelivery result, int attempts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(result);
        var now = time.GetUtcNow();
        var report = (result.Status, result.Reply) switch
        {
            (_, ReplyDeliveryStatus.Refused or ReplyDeliveryStatus.Unknown or ReplyDeliveryStatus.NoSender) => new ReplyDelivery(result.Reply.Value, now) { Reason = result.Reason },
            (SurfaceDeliveryStatus.Delivered, _) => new ReplyDelivery(ReplyDeliveryStatus.Sent, now) { ExternalId = result.ExternalId },
            (SurfaceDeliveryStatus.Retry, _) => new ReplyDelivery(ReplyDeliveryStatus.Failed, now) { Reason = $"{Sentence(result.Reason)} ChatOpsReply tried {attempts} times and stopped." },
            _ => new ReplyDelivery(ReplyDeliveryStatus.Failed, now) { Reason = Sentence(result.Reason) },
        };
        var recorded = await handler.HandleAsync(PostCommand.DeliveryReport(post.Id, number, report with { Attempt = post.Replies[number - 1].Delivery.Attempt }, result.OptOut), cancellationToken).ConfigureAwait(false);
        if (!recorded.Succeeded)
        {
            LogNotRecorded(post.Id, number, report.Status, recorded.Message);
        }
    }

    /// <summary>A reason as a sentence of its own, ending with a full stop.</summary>
    private static string Sentence(string? reason) => reason?.Trim() switch
    {
        null or "" => "No reason was given.",
        var said when said.EndsWith('.') || said.EndsWith('!') || said.EndsWith('?') => said,
        var said => said + ".",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Reply {Number} of post {PostId}: {Status} not recorded: {Reason}")]
    private partial void LogNotRecorded(string postId, int number, ReplyDeliveryStatus status, string reason);
}
