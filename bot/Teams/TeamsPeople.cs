using System.Collections.Concurrent;
using ChatOpsReply.Accountability;

namespace ChatOpsReply.Teams;

/// <summary>
/// Who is acting in Teams: configured people are known by their Entra object id; their Teams user
/// id ("29:…", needed for refresh lists and mentions) is learned from what they send and remembered.
/// </summary>
public sealed class TeamsPeople(AccountabilityPolicy policy, ITeamsDirectoryStore directory, TimeProvider time)
{
    public const string Unknown = "ChatOpsReply does not know you yet. Ask an administrator to add your Microsoft Entra object id as TeamsUserId under Accountability:People.";

    private readonly ConcurrentDictionary<string, string> _recorded = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, string> _chats = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Remembers the bot's 1:1 chat with the sender of a personal message or install, so ChatOpsReply can
    /// message them later; written to the store only when it is new to this instance.
    /// </summary>
    public async Task LearnPersonalChatAsync(BotActivity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        // Bot Framework: a proactive message goes to a stored conversation reference (conversation id and service URL), msteams-docs bots/how-to/conversations/send-proactive-messages
        if (activity is { Conversation: { ConversationType: "personal", Id: { Length: > 0 } conversation }, From.AadObjectId: { Length: > 0 } aad, ServiceUrl: { Length: > 0 } serviceUrl }
            && (!_chats.TryGetValue(aad, out var known) || known != conversation))
        {
            await directory.RecordPersonalChatAsync(aad, new TeamsPersonalChat(conversation, serviceUrl, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            _chats[aad] = conversation;
        }
    }

    /// <summary>Whether the text can be an Entra object id (a GUID as Teams sends it): not blank, no spaces or control characters.</summary>
    public static bool IsObjectId(string aadObjectId)
    {
        ArgumentNullException.ThrowIfNull(aadObjectId);
        return aadObjectId.Length > 0 && !aadObjectId.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));
    }

    public Person? Find(BotAccount? account) =>
        account?.AadObjectId is { Length: > 0 } aad ? policy.People.FindByTeamsUser(aad) : null;

    /// <summary>Remembers the account's Teams user id; written to the store only when it is new to this instance.</summary>
    public async Task LearnAsync(BotAccount? account, CancellationToken cancellationToken)
    {
        if (account is { AadObjectId: { Length: > 0 } aad, Id: { Length: > 0 } id } && id.StartsWith("29:", StringComparison.Ordinal)
            && (!_recorded.TryGetValue(aad, out var known) || known != id))
        {
            await directory.RecordUserAsync(aad, id, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            _recorded[aad] = id;
        }
    }
}
