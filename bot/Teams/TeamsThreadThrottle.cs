using ChatOpsReply.Delivery;


namespace ChatOpsReply.Teams;

/// <summary>
/// Keeps calls under Teams' per-thread limits, counted in the store so every instance shares
/// them. Instead of sleeping, it says how long to wait, and the outbox tries the message again then.
/// </summary>
public sealed class TeamsThreadThrottle(IPostingPace pace, TimeProvider time)
{
    // Teams: per bot per thread 7 operations in 1 s, 8 in 2 s, 60 in 30 s, 1800 in an hour, msteams-docs bots/how-to/rate-limit#per-bot-per-thread-limit.
    private static readonly PaceWindow[] Limits =
    [
        new(TimeSpan.FromSeconds(1), 7),
        new(TimeSpan.FromSeconds(2), 8),
        new(TimeSpan.FromSeconds(30), 60),
        new(TimeSpan.FromHours(1), 1800),
    ];

    /// <summary>Takes a slot for one operation on the thread now, or returns how long to wait for one (taking nothing).</summary>
    public Task<TimeSpan?> TryAcquireAsync(string thread, CancellationToken cancellationToken = default) =>
        pace.TryTakeAsync($"teams:{TeamsProtocol.ThreadKey(thread)}", Limits, time.GetUtcNow(), cancellationToken);
}
