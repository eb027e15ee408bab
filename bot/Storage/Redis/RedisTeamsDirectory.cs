using System.Text.Json;
using ChatOpsReply.Teams;
using StackExchange.Redis;

namespace ChatOpsReply.Storage.Redis;

/// <summary>
/// What the bot learned from Teams in two hashes: channels by id (each a JSON value, replaced
/// whole in one HSET) and Teams user ids by Entra object id. Both stay small (a team's
/// channels, the configured people), so listing reads one hash and sorts here.
/// </summary>
public sealed class RedisTeamsDirectory(RedisDatabase redis) : ITeamsDirectoryStore
{
    public Task RecordChannelAsync(TeamsChannel channel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var json = JsonSerializer.Serialize(channel, StoreJson.Default.TeamsChannel);
        return redis.RunAsync(db => db.HashSetAsync(redis.Keys.TeamsChannels, channel.ChannelId, json), cancellationToken);
    }

    public Task<TeamsChannel?> FindChannelAsync(string channelId, CancellationToken cancellationToken = default) =>
        redis.RunAsync(async db => Read(await db.HashGetAsync(redis.Keys.TeamsChannels, channelId).ConfigureAwait(false)), cancellationToken);

    public Task<IReadOnlyList<TeamsChannel>> ChannelsAsync(CancellationToken cancellationToken = default) =>
        redis.RunAsync<IReadOnlyList<TeamsChannel>>(
            async db => [.. (await db.HashValuesAsync(redis.Keys.TeamsChannels).ConfigureAwait(false))
                .Select(Read)
                .OfType<TeamsChannel>()
                .OrderBy(c => c.TeamName, StringComparer.Ordinal)
                .ThenBy(c => c.ChannelName, StringComparer.Ordinal)
                .ThenBy(c => c.ChannelId, StringComparer.Ordinal)],
            cancellationToken);

    public Task RecordUserAsync(string aadObjectId, string teamsUserId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(aadObjectId);
        ArgumentException.ThrowIfNullOrWhiteSpace(teamsUserId);
        return redis.RunAsync(db => db.HashSetAsync(redis.Keys.TeamsUsers, aadObjectId.ToLowerInvariant(), teamsUserId), cancellationToken);
    }

    public Task RecordPersonalChatAsync(string aadObjectId, TeamsPersonalChat chat, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(aadObjectId);
        ArgumentNullException.ThrowIfNull(chat);
        var json = JsonSerializer.Serialize(chat, StoreJson.Default.TeamsPersonalChat);
        return redis.RunAsync(db => db.HashSetAsync(redis.Keys.TeamsPersonalChats, aadObjectId.ToLowerInvariant(), json), cancellationToken);
    }

    public Task<TeamsPersonalChat?> FindPersonalChatAsync(string aadObjectId, CancellationToken cancellationToken = default) =>
        redis.RunAsync(async db => await db.HashGetAsync(redis.Keys.TeamsPersonalChats, aadObjectId.ToLowerInvariant()).ConfigureAwait(false) is { HasValue: true } json
            ? JsonSerializer.Deserialize((string)json!, StoreJson.Default.TeamsPersonalChat)
            : null, cancellationToken);

    public Task<IReadOnlyDictionary<string, string>> FindUsersAsync(IReadOnlyCollection<string> aadObjectIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(aadObjectIds);
        var ids = aadObjectIds.Select(id => id.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToArray();
        return redis.RunAsync<IReadOnlyDictionary<string, string>>(async db =>
        {
            var users = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (ids.Length == 0)
            {
                return users;
            }

            var found = await db.HashGetAsync(redis.Keys.TeamsUsers, [.. ids.Select(id => (RedisValue)id)]).ConfigureAwait(false);
            for (var i = 0; i < ids.Length; i++)
            {
                if (!found[i].IsNull)
                {
                    users[ids[i]] = found[i]!;
                }
            }

            return users;
        }, cancellationToken);
    }

    private static TeamsChannel? Read(RedisValue json) =>
        json.IsNull ? null : JsonSerializer.Deserialize((string)json!, StoreJson.Default.TeamsChannel);
}
