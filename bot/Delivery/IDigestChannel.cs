using ChatOpsReply.Cards;

namespace ChatOpsReply.Delivery;

/// <summary>
/// What <see cref="BurstDigests"/> needs of one surface to keep its digests: which scopes are its,
/// how many lines a message holds, how often one may be redrawn, and how a message is shown.
/// </summary>
public interface IDigestChannel
{
    /// <summary>The surface's name in logs ("Slack", "Teams").</summary>
    string Surface { get; }

    /// <summary>The start of the surface's scopes in the digest store ("slack:", "teams:"); the rest is its channel.</summary>
    string ScopePrefix { get; }

    /// <summary>The most lines one digest message holds.</summary>
    int DigestSize { get; }

    /// <summary>The least time between two redraws of one digest message.</summary>
    TimeSpan UpdateInterval { get; }

    /// <summary>Whether a posted digest message may be redrawn now, beyond its own interval (a platform-wide update limit); taking the turn when it may.</summary>
    Task<bool> TryTakeUpdateTurnAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Posts message <paramref name="number"/> of the scope in <paramref name="channel"/>, or redraws it where it was posted, within the platform's pace.</summary>
    Task<SurfaceDelivery> ShowAsync(string scope, int number, string channel, DigestModel digest, CancellationToken cancellationToken);
}
