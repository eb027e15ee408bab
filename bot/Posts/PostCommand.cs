using ChatOpsReply.Accountability;

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
}
