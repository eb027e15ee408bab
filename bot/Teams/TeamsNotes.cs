using System.Text.RegularExpressions;
using ChatOpsReply.Accountability;
using ChatOpsReply.Delivery;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Teams;

/// <summary>
/// A person's reply in a card's reply chain is a note on the post, for the team only. Teams sends
/// the bot every channel message once the app holds ChannelMessage.Read.Group (the manifest asks for it).
/// </summary>
public sealed partial class TeamsNotes(ICardReferences references, PostClicks clicks, AccountabilityPolicy policy)
{
    /// <summary>Where the bot keeps the reply chain of a post's card: its conversation id (<c>19:…;messageid=…</c>).</summary>
    public const string ThreadKey = "teams:thread";

    /// <summary>Records the reply as a note when it answers a post's card; null when it does not (then it is a command).</summary>
    /// <exception cref="StoreUnavailableException">Nothing was recorded; Teams is answered with an error.</exception>
    public async Task<CommandResult?> TryRecordAsync(BotActivity activity, Person? person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        // Teams: a reply in a channel thread names the thread's root in its conversation id, msteams-docs bots/how-to/conversations/channel-and-group-conversations
        if (activity.Conversation is not { ConversationType: "channel", Id: { } conversation } || !conversation.Contains(";messageid=", StringComparison.Ordinal)
            || activity.Id is null || string.IsNullOrWhiteSpace(activity.Text))
        {
            return null;
        }

        if (await references.FindPostAsync(ThreadKey, conversation, cancellationToken).ConfigureAwait(false) is not { } postId)
        {
            return null;
        }

        if (person is null)
        {
            return new CommandResult(CommandOutcome.Rejected, null) { Reasons = ["ChatOpsReply does not know you, so your reply is not in the post's history."] };
        }

        var note = Named(activity.Text);
        var result = await clicks.HandleAsync(new PostClick(postId, nameof(PostTrigger.AddNote), person, SurfaceNames.Teams, $"note:{activity.Id}") { Field = f => f == CommandInputFields.Comment ? note : null }, cancellationToken).ConfigureAwait(false);
        return result.Outcome == CommandOutcome.StoreUnavailable ? throw new StoreUnavailableException("The note was not recorded.") : result;
    }

    /// <summary>Teams writes a mention as &lt;at&gt;Name&lt;/at&gt;; the note names a person as @id, as every surface does, and the bot not at all.</summary>
    private string Named(string text) => AtMention().Replace(text, m =>
        policy.People.All.FirstOrDefault(p => string.Equals(p.Name, m.Groups[1].Value, StringComparison.OrdinalIgnoreCase)) is { } p ? "@" + p.Id : "").Trim();

    [GeneratedRegex("<at>([^<]*)</at>")]
    private static partial Regex AtMention();
}
