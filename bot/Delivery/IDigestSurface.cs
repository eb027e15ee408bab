namespace ChatOpsReply.Delivery;

/// <summary>
/// A surface that shows a burst's posts as digests (<see cref="IDigestStore"/>): the outbox dispatcher
/// has it post and redraw them on every round, beside the messages it delivers.
/// </summary>
public interface IDigestSurface
{
    /// <summary>Posts the lines waiting for a digest message and redraws the messages whose lines changed, within the platform's limits.</summary>
    /// <returns>How many digest messages were posted or updated.</returns>
    Task<int> FlushDigestsAsync(CancellationToken cancellationToken);
}
