namespace ChatOpsReply.Storage;

/// <summary>A Teams channel the bot was added to, and the connector address that reaches it.</summary>
/// <param name="ChannelId">The channel's conversation id (<c>19:…@thread.tacv2</c>); a team's General channel has the team's id.</param>
public sealed record TeamsChannel(string ChannelId, string ChannelName, string TeamId, string TeamName, string ServiceUrl, string? TenantId, DateTimeOffset RecordedAt);
