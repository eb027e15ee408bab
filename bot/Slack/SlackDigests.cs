using ChatOpsReply.Cards;
using ChatOpsReply.Delivery;
using ChatOpsReply.Posts;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Slack;

/// <summary>
/// The digests of Slack channels in a burst. Each round, per channel with work (one instance at a
/// time, by a lease in the store): the newest digest message takes waiting lines while it has room
/// and may be updated; the rest start a new message, posted in the channel's turn (one at a time,
/// so a digest waiting for its turn gathers every line that arrives meanwhile); and each message
/// whose lines changed (claimed, dismissed) is redrawn at most once per
/// <see cref="SlackOptions.DigestUpdateInterval"/>, all its changes together.
/// </summary>
public sealed partial class SlackDigests(
    SlackSurface surface,
    IDigestStore digests,
    IPostStore posts,
    DigestLines lines,
    IPostingPace pace,
    IOptions<SlackOptions> options,
    TimeProvider time,
    ILogger<SlackDigests> logger) : IDigestSurface
{
    /// <summary>Held while one round works a channel; an instance that dies mid-round frees it by then.</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    // Slack: chat.update is Tier 3, 50+ calls a minute per workspace, docs.slack.dev/reference/methods/chat.update
    // Digests take at most 40 of them, leaving room for the cards' own updates.
    private static readonly PaceWindow[] UpdateWindows = [new(TimeSpan.FromMinutes(1), 40)];

    private const string UpdatePaceKey = "slack:digest-updates";

    private readonly string _holder = Guid.NewGuid().ToString("N");

    public async Task<int> FlushDigestsAsync(CancellationToken cancellationToken)
    {
        var done = 0;
        foreach (var scope in await digests.BusyScopesAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!scope.StartsWith(SlackSurface.DigestScope(""), StringComparison.Ordinal))
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
                done += await FlushAsync(scope, scope[SlackSurface.DigestScope("").Length..], cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or TimeoutException or TaskCanceledException or IOException && !cancellationToken.IsCancellationRequested)
            {
                // Slack did not answer: the lines stay waiting, the changes stay to draw, and the next round tries again.
                LogUnanswered(scope, e.Message);
            }
            finally
            {
                await digests.ReleaseAsync(scope, _holder, CancellationToken.None).ConfigureAwait(false);
            }
        }

        return done;
    }

    private async Task<int> FlushAsync(string scope, string channel, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var state = await digests.ReadAsync(scope, settings.DigestSize, cancellationToken).ConfigureAwait(false);
        if (state.Waiting.Count > 0)
        {
            var waiting = state.Waiting;
            // The newest message takes lines while it has room: before it is posted (it waits for its turn), or when it may be updated.
            if (state.Newest is { } newest && newest.Lines < settings.DigestSize && (newest.DrawnAt is not { } drawn || drawn + settings.DigestUpdateInterval <= now))
            {
                var placed = await digests.PlaceAsync(scope, newest.Number, [.. waiting.Take(settings.DigestSize - newest.Lines)], cancellationToken).ConfigureAwait(false);
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
            if (message.DrawnAt is { } drawn)
            {
                if (drawn + settings.DigestUpdateInterval > now
                    || await pace.TryTakeAsync(UpdatePaceKey, UpdateWindows, now, cancellationToken).ConfigureAwait(false) is not null)
                {
                    continue;
                }
            }

            var content = BlockKitRenderer.Digest(await ModelAsync(scope, message.Number, cancellationToken).ConfigureAwait(false));
            var result = await surface.ShowDigestAsync(scope, message.Number, channel, content, cancellationToken).ConfigureAwait(false);
            if (result.Status == SurfaceDeliveryStatus.Delivered)
            {
                await digests.MarkDrawnAsync(scope, message.Number, message.Changes, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                shown++;
            }
            else if (result.Status == SurfaceDeliveryStatus.Failed)
            {
                // A channel Slack will never take: said once per round, kept to draw for when an operator fixes it.
                LogRefused(channel, message.Number, result.Reason);
            }
        }

        return shown;
    }

    /// <summary>The message's lines as its posts are now: a claim shows as "claimed by …" and leaves the Claim menu.</summary>
    private async Task<DigestModel> ModelAsync(string scope, int number, CancellationToken cancellationToken)
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack did not answer for the digest of {Scope}: {Error}")]
    private partial void LogUnanswered(string scope, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack refused digest message {Number} in {Channel}: {Reason}")]
    private partial void LogRefused(string channel, int number, string? reason);
}
