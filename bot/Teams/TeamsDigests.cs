using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsReply.Cards;
using ChatOpsReply.Delivery;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Teams;

/// <summary>
/// The digests of Teams channels in a burst, kept by <see cref="BurstDigests"/>: Adaptive Cards with a
/// line and a Claim button per post, posted and updated within the channel's per-thread limits, at
/// most once per <see cref="TeamsOptions.DigestUpdateInterval"/> per card.
/// </summary>
public sealed class TeamsDigests(TeamsSurface surface, BurstDigests digests, IOptions<TeamsOptions> options) : IDigestSurface, IDigestChannel
{
    public string Surface => "Teams";

    public string ScopePrefix => TeamsSurface.DigestScope("");

    public int DigestSize => options.Value.DigestSize;

    public TimeSpan UpdateInterval => options.Value.DigestUpdateInterval;

    /// <summary>The digest message number a digest line's button carries; null for a post card's buttons.</summary>
    public static int? NumberOf(JsonElement data) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(AdaptiveCardRenderer.DigestField, out var number) && number.ValueKind == JsonValueKind.Number && number.TryGetInt32(out var n) && n > 0 ? n : null;

    public Task<int> FlushDigestsAsync(CancellationToken cancellationToken) => digests.FlushAsync(this, cancellationToken);

    /// <summary>Teams has no limit on updates beyond the thread's, which <see cref="TeamsSurface.ShowDigestAsync"/> keeps.</summary>
    public Task<bool> TryTakeUpdateTurnAsync(DateTimeOffset now, CancellationToken cancellationToken) => Task.FromResult(true);

    public Task<SurfaceDelivery> ShowAsync(string scope, int number, string channel, DigestModel digest, CancellationToken cancellationToken) =>
        surface.ShowDigestAsync(scope, number, channel, digest, cancellationToken);

    /// <summary>The digest card as its posts are now, for the person who just clicked in it (<paramref name="conversationId"/>: where the card is).</summary>
    public async Task<JsonObject> CardAsync(string conversationId, int number, CancellationToken cancellationToken) =>
        AdaptiveCardRenderer.Digest(await digests.ModelAsync(TeamsSurface.DigestScope(TeamsProtocol.ThreadKey(conversationId)), number, cancellationToken).ConfigureAwait(false), number);
}
