namespace ChatOpsReply.Storage.Redis;

/// <summary>One answer version as the save script reads it: the id and version it checks, the JSON it stores.</summary>
internal sealed record RedisAnswerEntry(string Id, int Version, string Body);
