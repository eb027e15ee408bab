namespace ChatOpsReply.Tests.Support;

/// <summary>Settings that put a store or a host on Redis.</summary>
public static class RedisSettings
{
    /// <summary>A fresh, empty store: a key prefix nobody else uses.</summary>
    public static Dictionary<string, string?> Fresh(RedisServer server, string? prefix = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        return new()
        {
            ["Storage:Provider"] = "Redis",
            ["Storage:Redis:Configuration"] = server.Configuration,
            ["Storage:Redis:KeyPrefix"] = prefix ?? $"test-{Guid.NewGuid():N}:",
        };
    }
}
