namespace ChatOpsReply.Storage.Redis;

/// <summary>An outbox message as the post scripts receive it (times in unix milliseconds, as text so Lua keeps every digit).</summary>
internal sealed record RedisOutboxEntry(string Target, string Kind, string Created, string Due, string Body);
