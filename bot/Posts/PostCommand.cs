using ChatOpsReply.Accountability;
using ChatOpsReply.Guidelines;

namespace ChatOpsReply.Posts;

/// <summary>
/// A click, a timer or a customer message turned into one request to the workflow.
/// Every surface produces the same command; the workflow never knows which one it was.
/// </summary>
/// <param name="IdempotencyKey">Same key, same effect: a repeated click or a redelivered event is applied once.</param>
/// <param name="Surface">Where it came from ("console", "slack", "teams", "timer", "ingest"), for the audit trail.</param>
public sealed record PostCommand(string PostId, PostTrigger Trigger, Person Actor, string Surface, string? IdempotencyKey)
{
    public TriggerInput Input { get; init; } = TriggerInput.None;

    /// <summary>The service's word on how reply <paramref name="number"/> of a post was delivered (the outbox's, or a platform's status callback's).</summary>
    public static PostCommand DeliveryReport(string postId, int number, ReplyDelivery report, ConsentRecord? optOut = null) =>
        new(postId, PostTrigger.DeliveryReported, Person.System, SurfaceNames.Delivery, IdempotencyKey: null) { Input = new DeliveryInput(number, report) { OptOut = optOut } };
}
