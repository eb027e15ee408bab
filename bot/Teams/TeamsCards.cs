using System.Text.Json.Nodes;
using ChatOpsReply.Accountability;
using ChatOpsReply.Cards;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Teams;

/// <summary>
/// The Adaptive Card of a post for Teams: the shared version posted in the channel, and each
/// person's own version (their buttons only) that their client fetches through the card's refresh.
/// </summary>
public sealed class TeamsCards(PostCardBuilder cards, PostWorkflow workflow, AccountabilityPolicy policy, ITeamsDirectoryStore directory)
{
    /// <param name="viewer">Null for the channel's shared card (buttons any permitted person may use, refused with a reason otherwise).</param>
    /// <param name="maxBytes">The most the card may take; its long texts are cut to fit.</param>
    public async Task<JsonObject> RenderAsync(CustomerPost post, Person? viewer, string? notice, CancellationToken cancellationToken, int maxBytes = AdaptiveCardRenderer.MaxCardBytes)
    {
        ArgumentNullException.ThrowIfNull(post);
        var model = cards.Build(post, viewer);
        var view = new AdaptiveCardView { RefreshUserIds = await RefreshUsersAsync(post, cancellationToken).ConfigureAwait(false), Notice = notice, MaxBytes = maxBytes };
        return AdaptiveCardRenderer.Render(model, view);
    }

    /// <summary>The card for someone ChatOpsReply does not know: what happened, no buttons.</summary>
    public async Task<JsonObject> RenderReadOnlyAsync(CustomerPost post, string? notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        var model = cards.Build(post, null) with { Actions = [] };
        var view = new AdaptiveCardView { RefreshUserIds = await RefreshUsersAsync(post, cancellationToken).ConfigureAwait(false), Notice = notice };
        return AdaptiveCardRenderer.Render(model, view);
    }

    /// <summary>
    /// Whose clients refresh the card on sight: everyone who may act on the post now and whose Teams
    /// user id the bot has learned, the owner and people with the most to do first.
    /// </summary>
    private async Task<IReadOnlyList<string>> RefreshUsersAsync(CustomerPost post, CancellationToken cancellationToken)
    {
        var actors = policy.People.All
            .Where(p => p.TeamsUserId is not null)
            .Select(p => (Person: p, Count: workflow.AvailableTo(post, p).Count))
            .Where(p => p.Count > 0)
            .OrderByDescending(p => string.Equals(p.Person.Id, post.Owner, StringComparison.OrdinalIgnoreCase))
            .ThenByDescending(p => p.Count)
            .ThenBy(p => p.Person.Id, StringComparer.Ordinal)
            .Select(p => p.Person.TeamsUserId!)
            .ToList();
        if (actors.Count == 0)
        {
            return [];
        }

        var known = await directory.FindUsersAsync(actors, cancellationToken).ConfigureAwait(false);
        return [.. actors.Select(a => known.GetValueOrDefault(a)).OfType<string>().Take(AdaptiveCardRenderer.MaxRefreshUsers)];
    }
}
