using ChatOpsReply.Cards;
using ChatOpsReply.Delivery;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Slack;

/// <summary>
/// The digests of Slack channels in a burst, kept by <see cref="BurstDigests"/>: Block Kit messages
/// with Claim menus, posted in the channel's turn and redrawn at most once per
/// <see cref="SlackOptions.DigestUpdateInterval"/> within the workspace's chat.update limit.
/// </summary>
public sealed class SlackDigests(SlackSurface surface, BurstDigests digests, IPostingPace pace, IOptions<SlackOptions> options) : IDigestSurface, IDigestChannel
{
    // Slack: chat.update is Tier 3, 50+ calls a minute per workspace, docs.slack.dev/reference/methods/chat.update
    // Digests take at most 40 of them, leaving room for the cards' own updates.
    private static readonly PaceWindow[] UpdateWindows = [new(TimeSpan.FromMinutes(1), 40)];

    private const string UpdatePaceKey = "slack:digest-updates";

    public string Surface => "Slack";

    public string ScopePrefix => SlackSurface.DigestScope("");

    public int DigestSize => options.Value.DigestSize;

    public TimeSpan UpdateInterval => options.Value.DigestUpdateInterval;

    public Task<int> FlushDigestsAsync(CancellationToken cancellationToken) => digests.FlushAsync(this, cancellationToken);

    public async Task<bool> TryTakeUpdateTurnAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        await pace.TryTakeAsync(UpdatePaceKey, UpdateWindows, now, cancellationToken).ConfigureAwait(false) is null;

    public Task<SurfaceDelivery> ShowAsync(string scope, int number, string channel, DigestModel digest, CancellationToken cancellationToken) =>
        surface.ShowDigestAsync(scope, number, channel, BlockKitRenderer.Digest(digest), cancellationToken);
}
