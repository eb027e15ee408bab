namespace ChatOpsReply.Teams;

/// <summary>
/// What the bot learned from Teams: the channels it was added to (so queues can name them and
/// cards reach them), and each person's Teams user id (<c>29:…</c>), which card refreshes and
/// mentions need but configuration only knows by Entra object id.
/// </summary>
public interface ITeamsDirectoryStore
{
    /// <summary>Records the channel, replacing what was known about it.</summary>
    Task RecordChannelAsync(TeamsChannel channel, CancellationToken cancellationToken = default);

    Task<TeamsChannel?> FindChannelAsync(string channelId, CancellationToken cancellationToken = default);

    /// <summary>Every recorded channel, by team name then channel name.</summary>
    Task<IReadOnlyList<TeamsChannel>> ChannelsAsync(CancellationToken cancellationToken = default);

    /// <summary>Records a person's Teams user id under their Entra object id, replacing an older one.</summary>
    Task RecordUserAsync(string aadObjectId, string teamsUserId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>The Teams user ids known for these Entra object ids (unknown ones are left out).</summary>
    Task<IReadOnlyDictionary<string, string>> FindUsersAsync(IReadOnlyCollection<string> aadObjectIds, CancellationToken cancellationToken = default);

    /// <summary>Records the bot's 1:1 chat with a person (from their personal messages or the app's install), replacing an older one.</summary>
    Task RecordPersonalChatAsync(string aadObjectId, TeamsPersonalChat chat, CancellationToken cancellationToken = default);

    /// <summary>The bot's 1:1 chat with the person, or null when they never had one.</summary>
    Task<TeamsPersonalChat?> FindPersonalChatAsync(string aadObjectId, CancellationToken cancellationToken = default);
}

/// <summary>A conversation reference to the bot's 1:1 chat with a person: where proactive messages to them go.</summary>
public sealed record TeamsPersonalChat(string ConversationId, string ServiceUrl, DateTimeOffset RecordedAt);

/// <summary>A Teams channel the bot was added to, and the connector address that reaches it.</summary>
/// <param name="ChannelId">The channel's conversation id (<c>19:…@thread.tacv2</c>); a team's General channel has the team's id.</param>
public sealed record TeamsChannel(string ChannelId, string ChannelName, string TeamId, string TeamName, string ServiceUrl, string? TenantId, DateTimeOffset RecordedAt);
