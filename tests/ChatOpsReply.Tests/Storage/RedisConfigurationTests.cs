using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Storage;

/// <summary>The service as a process on Redis: runs with good settings, stops at start naming the key with bad ones.</summary>
public sealed class RedisConfigurationTests
{
    [Theory]
    [InlineData("", "chatopsreply:", "Storage:Redis:Configuration is required when Storage:Provider is Redis.")]
    [InlineData("127.0.0.1:6379,colour=blue", "chatopsreply:", "Storage:Redis:Configuration is not a StackExchange.Redis connection string")]
    [InlineData("127.0.0.1:6379", "{prod}:", "Storage:Redis:KeyPrefix must not contain '{' or '}'")]
    public async Task A_bad_Redis_setting_stops_the_service_and_names_the_key(string configuration, string prefix, string message)
    {
        var (exitCode, output) = await ServiceProcess.RunUntilExitAsync(
            ["--Storage:Provider=Redis", $"--Storage:Redis:Configuration={configuration}", $"--Storage:Redis:KeyPrefix={prefix}"],
            TimeSpan.FromSeconds(60));

        Assert.NotNull(exitCode);
        Assert.NotEqual(0, exitCode);
        Assert.Contains(message, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_Redis_settings_the_service_keeps_running()
    {
        var (exitCode, output) = await ServiceProcess.RunUntilExitAsync(
            ["--Storage:Provider=Redis", $"--Storage:Redis:Configuration={RedisServer.Shared.Configuration}", $"--Storage:Redis:KeyPrefix=process-{Guid.NewGuid():N}:"],
            TimeSpan.FromSeconds(60),
            runningLine: "ChatOpsReply is running.");

        Assert.Null(exitCode);
        Assert.Contains("ChatOpsReply is running.", output, StringComparison.Ordinal);
    }
}
