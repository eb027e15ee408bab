using System.Text.Json.Nodes;
using Microsoft.Identity.Client;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace ChatOpsReply.Teams;

/// <summary>
/// Group chats with the bot: a few colleagues asking it what waits (<c>@ChatOpsReply mine</c>,
/// <c>queue billing</c>) without a channel. Anyone can be added to a group chat, so customer posts are
/// listed there only when every member of the chat is a person ChatOpsReply knows.
/// </summary>
public sealed partial class TeamsGroupChats(BotConnectorClient connector, TeamsPeople people, ILogger<TeamsGroupChats> logger)
{
    public const string StrangersPresent =
        "This group chat includes people ChatOpsReply does not know, so I list no customer posts here. Ask me in our 1:1 chat, or in your queue's channel.";

    private const int MaxMemberPages = 5;

    // Teams: conversation.conversationType is "groupChat" in a group chat, msteams-docs bots/how-to/conversations/channel-and-group-conversations.
    public static bool IsGroupChat(BotActivity activity) => activity?.Conversation?.ConversationType == "groupChat";

    /// <summary>Whether every member of the activity's group chat is a configured person; no when the roster cannot be read.</summary>
    public async Task<bool> EveryoneKnownAsync(BotActivity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.Conversation?.Id is not { Length: > 0 } chat || !Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl))
        {
            return false;
        }

        try
        {
            string? continuation = null;
            for (var page = 0; page < MaxMemberPages; page++)
            {
                var members = await connector.MembersAsync(serviceUrl, chat, continuation, cancellationToken).ConfigureAwait(false);
                if (!members.IsSuccess)
                {
                    LogRosterUnread(members.Describe());
                    return false;
                }

                foreach (var member in (members.Body?["members"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    if (people.Find(new BotAccount((string?)member["id"], (string?)member["name"], (string?)member["aadObjectId"])) is null)
                    {
                        return false;
                    }
                }

                continuation = members.Value("continuationToken");
                if (continuation is null)
                {
                    return true;
                }
            }

            // More members than we read: not known to be all ours.
            return false;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or MsalException && !cancellationToken.IsCancellationRequested)
        {
            LogRosterUnread(e.Message);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read a group chat's members, so it is shown no customer posts: {Reason}")]
    private partial void LogRosterUnread(string reason);
}
