using System.Text.Json.Nodes;
using ChatOpsReply.Teams;

namespace ChatOpsReply.Storage.Sqlite;

public sealed class SqliteTeamsDirectory(SqliteDatabase database) : ITeamsDirectoryStore
{
    private const string ChannelColumns = "channel_id, channel_name, team_id, team_name, service_url, tenant_id, recorded_at";

    public Task RecordChannelAsync(TeamsChannel channel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return database.RunAsync(
            c => c.ExecuteAsync(
                $"""
                INSERT INTO teams_channels ({ChannelColumns}) VALUES ($channel, $channelName, $team, $teamName, $serviceUrl, $tenant, $at)
                ON CONFLICT (channel_id) DO UPDATE SET channel_name = excluded.channel_name, team_id = excluded.team_id, team_name = excluded.team_name,
                    service_url = excluded.service_url, tenant_id = excluded.tenant_id, recorded_at = excluded.recorded_at
                """,
                null,
                cancellationToken,
                ("$channel", channel.ChannelId),
                ("$channelName", channel.ChannelName),
                ("$team", channel.TeamId),
                ("$teamName", channel.TeamName),
                ("$serviceUrl", channel.ServiceUrl),
                ("$tenant", channel.TenantId),
                ("$at", channel.RecordedAt.ToUnixMs())),
            cancellationToken);
    }

    public async Task<TeamsChannel?> FindChannelAsync(string channelId, CancellationToken cancellationToken = default) =>
        await ReadChannelsAsync($"SELECT {ChannelColumns} FROM teams_channels WHERE channel_id = $channel", cancellationToken, ("$channel", channelId)).ConfigureAwait(false) is [var channel, ..] ? channel : null;

    public Task<IReadOnlyList<TeamsChannel>> ChannelsAsync(CancellationToken cancellationToken = default) =>
        ReadChannelsAsync($"SELECT {ChannelColumns} FROM teams_channels ORDER BY team_name, channel_name, channel_id", cancellationToken);

    public Task RecordUserAsync(string aadObjectId, string teamsUserId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(aadObjectId);
        ArgumentException.ThrowIfNullOrWhiteSpace(teamsUserId);
        return database.RunAsync(
            c => c.ExecuteAsync(
                """
                INSERT INTO teams_users (aad_object_id, teams_user_id, recorded_at) VALUES ($aad, $user, $at)
                ON CONFLICT (aad_object_id) DO UPDATE SET teams_user_id = excluded.teams_user_id, recorded_at = excluded.recorded_at
                """,
                null,
                cancellationToken,
                ("$aad", aadObjectId.ToLowerInvariant()),
                ("$user", teamsUserId),
                ("$at", at.ToUnixMs())),
            cancellationToken);
    }

    public Task<IReadOnlyDictionary<string, string>> FindUsersAsync(IReadOnlyCollection<string> aadObjectIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(aadObjectIds);
        var ids = new JsonArray([.. aadObjectIds.Select(id => id.ToLowerInvariant()).Distinct().Select(id => (JsonNode?)JsonValue.Create(id))]).ToJsonString();
        return database.RunAsync<IReadOnlyDictionary<string, string>>(async c =>
        {
            await using var command = c.Command("SELECT aad_object_id, teams_user_id FROM teams_users WHERE aad_object_id IN (SELECT value FROM json_each($ids))", null, ("$ids", ids));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var users = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                users[reader.GetString(0)] = reader.GetString(1);
            }

            return users;
        }, cancellationToken);
    }

    public Task RecordPersonalChatAsync(string aadObjectId, TeamsPersonalChat chat, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(aadObjectId);
        ArgumentNullException.ThrowIfNull(chat);
        return database.RunAsync(
            c => c.ExecuteAsync(
                """
                INSERT INTO teams_personal_chats (aad_object_id, conversation_id, service_url, recorded_at) VALUES ($aad, $conversation, $url, $at)
                ON CONFLICT (aad_object_id) DO UPDATE SET conversation_id = excluded.conversation_id, service_url = excluded.service_url, recorded_at = excluded.recorded_at
                """,
                null,
                cancellationToken,
                ("$aad", aadObjectId.ToLowerInvariant()),
                ("$conversation", chat.ConversationId),
                ("$url", chat.ServiceUrl),
                ("$at", chat.RecordedAt.ToUnixTimeMilliseconds())),
            cancellationToken);
    }

    public Task<TeamsPersonalChat?> FindPersonalChatAsync(string aadObjectId, CancellationToken cancellationToken = default) =>
        database.RunAsync(async c =>
        {
            await using var command = c.Command("SELECT conversation_id, service_url, recorded_at FROM teams_personal_chats WHERE aad_object_id = $aad", null, ("$aad", aadObjectId.ToLowerInvariant()));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? new TeamsPersonalChat(reader.GetString(0), reader.GetString(1), SqliteCommands.FromUnixMs(reader.GetInt64(2)))
                : null;
        }, cancellationToken);

    private Task<IReadOnlyList<TeamsChannel>> ReadChannelsAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        database.RunAsync<IReadOnlyList<TeamsChannel>>(async c =>
        {
            await using var command = c.Command(sql, null, parameters);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var channels = new List<TeamsChannel>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                channels.Add(new TeamsChannel(
                    reader.GetString(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.GetString(3),
                    reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5),
                    SqliteCommands.FromUnixMs(reader.GetInt64(6))));
            }

            return channels;
        }, cancellationToken);
}
