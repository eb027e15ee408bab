using ChatOpsReply.Delivery;
using Microsoft.Identity.Client;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace ChatOpsReply.Teams;

/// <summary>
/// A second copy of a post's card (or approval request, or crisis alert) exists when Teams took a post
/// whose answer never came back and the outbox, unable to look for it (the Bot Connector cannot list a
/// channel's messages), posted it again. The copy shows itself as soon as someone looks at it: its
/// refresh, or a click on it, arrives naming its message. The copy is then removed, so the post is
/// worked on one card.
/// </summary>
public sealed partial class TeamsCardCopies(ICardReferences references, BotConnectorClient connector, ILogger<TeamsCardCopies> logger)
{
    public const string Removed = "This was a second copy of the post's card, posted when Teams' answer to the first was lost; it has been removed. Work the post on its other card.";

    private static readonly string[] Keys = [TeamsSurface.CardKey, TeamsSurface.ApprovalKey, TeamsSurface.CrisisKey];

    /// <summary>True when the activity came from a copy of the post's card, which is then deleted.</summary>
    public async Task<bool> RemoveIfCopyAsync(BotActivity activity, string postId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        // Teams: an invoke from a card names the message holding it in replyToId, msteams-docs bots/how-to/update-and-delete-bot-messages#update-cards.
        if (activity.ReplyToId is not { Length: > 0 } message || activity.Conversation?.Id is not { Length: > 0 } conversation
            || !Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl))
        {
            return false;
        }

        // Almost always nothing was ever in doubt: one look per key, and done.
        var mayHaveCopy = false;
        foreach (var key in Keys)
        {
            mayHaveCopy |= await references.GetAsync(postId, key + TeamsSurface.CopySuffix, cancellationToken).ConfigureAwait(false) is not null;
        }

        if (!mayHaveCopy)
        {
            return false;
        }

        var kept = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in Keys)
        {
            if (TeamsMessageReference.Parse(await references.GetAsync(postId, key, cancellationToken).ConfigureAwait(false)) is { } reference)
            {
                kept.Add(reference.ActivityId);
            }
        }

        if (kept.Count == 0 || kept.Contains(message))
        {
            return false;
        }

        try
        {
            var deleted = await connector.DeleteActivityAsync(serviceUrl, conversation, message, cancellationToken).ConfigureAwait(false);
            LogRemoved(postId, deleted.Describe());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or MsalException && !cancellationToken.IsCancellationRequested)
        {
            // It stays for now; the next look at it tries again.
            LogRemoved(postId, e.Message);
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A second copy of the card of post {PostId} showed itself; removing it: {Answer}")]
    private partial void LogRemoved(string postId, string answer);
}
