using System.Text.Json.Nodes;
using Microsoft.Identity.Client;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace ChatOpsReply.Teams;

/// <summary>
/// Learns from <c>conversationUpdate</c> activities where the bot is: when it is added to a team
/// it records the team's channels (so queues can name them and cards can reach them) and the
/// members' Teams user ids; new and renamed channels are recorded as they come.
/// </summary>
public sealed partial class TeamsInstallations(ITeamsDirectoryStore directory, BotConnectorClient connector, TeamsPeople people, TimeProvider time, ILogger<TeamsInstallations> logger)
{
    private const int MaxMemberPages = 20;

    public async Task HandleAsync(BotActivity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl))
        {
            return;
        }

        foreach (var member in activity.MembersAdded ?? [])
        {
            await people.LearnAsync(member, cancellationToken).ConfigureAwait(false);
        }

        var data = activity.ChannelData;
        var team = data?.Team;
        var tenant = data?.Tenant?.Id ?? activity.Conversation?.TenantId;
        if (team?.Id is not { Length: > 0 } teamId)
        {
            // A personal chat or group chat: nothing a queue can point at.
            return;
        }

        var botAdded = activity.MembersAdded?.Any(m => m.Id is not null && m.Id == activity.Recipient?.Id) == true;
        // Teams: conversationUpdate eventTypes teamMemberAdded, channelCreated, channelRenamed, teamRenamed…,
        // msteams-docs bots/how-to/conversations/subscribe-to-conversation-events.
        switch (data?.EventType)
        {
            case "teamMemberAdded" when botAdded:
            case "teamRenamed":
            case "teamRestored":
                await RecordTeamAsync(serviceUrl, teamId, team.Name ?? teamId, tenant, cancellationToken).ConfigureAwait(false);
                break;
            case "channelCreated" or "channelRenamed" or "channelRestored" when data.Channel?.Id is { Length: > 0 } channelId:
                await RecordAsync(new TeamsChannel(channelId, data.Channel.Name ?? channelId, teamId, team.Name ?? teamId, serviceUrl.AbsoluteUri, tenant, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>The General channel at once (its id is the team's), then every channel and member the connector lists.</summary>
    private async Task RecordTeamAsync(Uri serviceUrl, string teamId, string teamName, string? tenant, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await RecordAsync(new TeamsChannel(teamId, "General", teamId, teamName, serviceUrl.AbsoluteUri, tenant, now), cancellationToken).ConfigureAwait(false);
        try
        {
            var channels = await connector.TeamChannelsAsync(serviceUrl, teamId, cancellationToken).ConfigureAwait(false);
            if (!channels.IsSuccess)
            {
                LogLookupFailed("channels", teamId, channels.Describe());
            }

            foreach (var channel in (channels.Body?["conversations"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if ((string?)channel["id"] is { Length: > 0 } id && id != teamId)
                {
                    await RecordAsync(new TeamsChannel(id, (string?)channel["name"] ?? id, teamId, teamName, serviceUrl.AbsoluteUri, tenant, now), cancellationToken).ConfigureAwait(false);
                }
            }

            string? continuation = null;
            for (var page = 0; page < MaxMemberPages; page++)
            {
                var members = await connector.MembersAsync(serviceUrl, teamId, continuation, cancellationToken).ConfigureAwait(false);
                if (!members.IsSuccess)
                {
                    LogLookupFailed("members", teamId, members.Describe());
                    break;
                }

                foreach (var member in (members.Body?["members"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    await people.LearnAsync(new BotAccount((string?)member["id"], (string?)member["name"], (string?)member["aadObjectId"]), cancellationToken).ConfigureAwait(false);
                }

                continuation = members.Value("continuationToken");
                if (continuation is null)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or MsalException && !cancellationToken.IsCancellationRequested)
        {
            // The General channel is recorded; the rest comes with the next channel event or reinstall.
            LogLookupFailed("channels and members", teamId, e.Message);
        }
    }

    private async Task RecordAsync(TeamsChannel channel, CancellationToken cancellationToken)
    {
        await directory.RecordChannelAsync(channel, cancellationToken).ConfigureAwait(false);
        LogRecorded(channel.ChannelName, channel.ChannelId, channel.TeamName);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams channel {ChannelName} ({ChannelId}) of team {TeamName} recorded: queues can name it under Channels:teams")]
    private partial void LogRecorded(string channelName, string channelId, string teamName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not list the {What} of team {TeamId}: {Reason}")]
    private partial void LogLookupFailed(string what, string teamId, string reason);
}
