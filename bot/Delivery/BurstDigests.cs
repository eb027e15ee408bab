using ChatOpsReply.Cards;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Delivery;

/// <summary>
/// The digests of a burst, the same on every surface. A card that would wait too long for its
/// channel's turn puts its post on the channel's digest instead (<see cref="TurnOrDigestAsync"/>).
/// Each round, per channel with work (one instance at a time, by a lease in the store): the newest
/// digest message takes waiting lines while it has room and may be updated; the rest start a new
/// message, posted in the channel's turn (one at a time, so a digest waiting for its turn gathers
/// every line that arrives meanwhile); and each message whose lines changed (claimed, dismissed)
/// is redrawn at most once per <see cref="IDigestChannel.UpdateInterval"/>, all its changes together.
/// </summary>
public sealed partial class BurstDigests(IDigestStore digests, IPostStore posts, DigestLines lines, TimeProvider time, ILogger<BurstDigests> logger)
{
    /// <summary>Held while one round works a channel; an instance that dies mid-round frees it by then.</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private readonly string _holder = Guid.NewGuid().ToString("N");

    /// <summary>A digest message's name where a post id would be (card references, message tags, turns of the pace).</summary>
    public static string MessageId(string scope, int number) => $"digest:{scope}:{number.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>
    /// A waiting post's card in a burst: null when it may be posted now (its turn taken); a wait for its
    /// turn when that comes soon; else the post goes on the scope's digest (stored: a digest message
    /// will show it) and the card's message is done.
    /// </summary>
    /// <param name="turn">Asks the channel's pace for a turn now, waiting at most the given time: null when taken; else the wait (nothing taken when it is longer).</param>
    public async Task<SurfaceDelivery?> TurnOrDigestAsync(string scope, string postId, DigestPolicy policy, Func<TimeSpan, DateTimeOffset, Task<TimeSpan?>> turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(turn);
        var now = time.GetUtcNow();
        var filling = await digests.LastAddedAsync(scope, cancellationToken).ConfigureAwait(false) is { } last && last > now - policy.After;
        if (!filling || policy.AloneWhileFilling)
        {
            var longest = filling ? TimeSpan.Zero : policy.After;
            var wait = await turn(longest, now).ConfigureAwait(false);
            if (wait is null)
            {
                return null;
            }

            if (wait <= longest)
            {
                return SurfaceDelivery.Defer($"pacing posts to {scope}", wait.Value);
            }
        }

        await digests.AddAsync(scope, postId, now, cancellationToken).ConfigureAwait(false);
        LogDigested(scope);
        return SurfaceDelivery.Delivered;
    }

    /// <summary>Posts and redraws the digests of every busy scope of the channel's surface.</summary>
    /// <returns>How many digest messages were posted or redrawn.</returns>
    public async Task<int> FlushAsync(IDigestChannel channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var done = 0;
        foreach (var scope in await digests.BusyScopesAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!scope.StartsWith(channel.ScopePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var now = time.GetUtcNow();
            if (!await digests.TryLeaseAsync(scope, _holder, now, now + Lease, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            try
            {
                done += await FlushAsync(channel, scope, scope[channel.ScopePrefix.Length..], cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or TimeoutException or TaskCanceledException or IOException && !cancellationToken.IsCancellationRequested)
            {
                // The platform did not answer: the lines stay waiting, the changes stay to draw, and the next round tries again.
                LogUnanswered(channel.Surface, scope, e.Message);
            }
            finally
            {
                await digests.ReleaseAsync(scope, _holder, CancellationToken.None).ConfigureAwait(false);
            }
        }

        return done;
    }

    /// <summary>Message <paramref name="number"/>'s lines as its posts are now: a claim shows as "claimed by …" and is no longer claimable.</summary>
    public async Task<DigestModel> ModelAsync(string scope, int number, CancellationToken cancellationToken)
    {
        var found = new List<CustomerPost>();
        foreach (var postId in await digests.LinesAsync(scope, number, cancellationToken).ConfigureAwait(false))
        {
            if (await posts.GetAsync(postId, cancellationToken).ConfigureAwait(false) is { } post)
            {
                found.Add(post);
            }
        }

        var title = found.Count > 0 ? lines.Title(found[0].Queue, found.Count) : "These posts are no longer here.";
        return new DigestModel(title, [.. found.Select(lines.Of)]);
    }

    private async Task<int> FlushAsync(IDigestChannel channel, string scope, string target, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var state = await digests.ReadAsync(scope, channel.DigestSize, cancellationToken).ConfigureAwait(false);
        if (state.Waiting.Count > 0)
        {
            var waiting = state.Waiting;
            // The newest message takes lines while it has room: before it is posted (it waits for its turn), or when it may be updated.
            if (state.Newest is { } newest && newest.Lines < channel.DigestSize && (newest.DrawnAt is not { } drawn || drawn + channel.UpdateInterval <= now))
            {
                var placed = await digests.PlaceAsync(scope, newest.Number, [.. waiting.Take(channel.DigestSize - newest.Lines)], cancellationToken).ConfigureAwait(false);
                waiting = [.. waiting.Skip(placed)];
            }

            // One new message at a time: while one waits for its turn, later lines wait with it.
            if (waiting.Count > 0 && state.Newest is null or { DrawnAt: not null })
            {
                await digests.PlaceAsync(scope, (state.Newest?.Number ?? 0) + 1, waiting, cancellationToken).ConfigureAwait(false);
            }

            state = await digests.ReadAsync(scope, 0, cancellationToken).ConfigureAwait(false);
        }

        var shown = 0;
        foreach (var message in state.Messages.Where(m => m.ToDraw))
        {
            if (message.DrawnAt is { } drawn
                && (drawn + channel.UpdateInterval > now || !await channel.TryTakeUpdateTurnAsync(now, cancellationToken).ConfigureAwait(false)))
            {
                continue;
            }

            var result = await channel.ShowAsync(scope, message.Number, target, await ModelAsync(scope, message.Number, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            if (result.Status == SurfaceDeliveryStatus.Delivered)
            {
                await digests.MarkDrawnAsync(scope, message.Number, message.Changes, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                shown++;
            }
            else if (result.Status == SurfaceDeliveryStatus.Failed)
            {
                // A channel the platform will never take: said once per round, kept to draw for when an operator fixes it.
                LogRefused(channel.Surface, target, message.Number, result.Reason);
            }
        }

        return shown;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "A card for {Scope} would wait too long for its turn: its post goes on the digest")]
    private partial void LogDigested(string scope);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Surface} did not answer for the digest of {Scope}: {Error}")]
    private partial void LogUnanswered(string surface, string scope, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Surface} refused digest message {Number} in {Channel}: {Reason}")]
    private partial void LogRefused(string surface, string channel, int number, string? reason);
}
