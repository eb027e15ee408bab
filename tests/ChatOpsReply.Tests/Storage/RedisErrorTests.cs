using ChatOpsReply.Posts;
using ChatOpsReply.Storage;
using ChatOpsReply.Storage.Redis;
using ChatOpsReply.Tests.Support;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatOpsReply.Tests.Storage;

/// <summary>
/// The one place that decides what a Redis failure means: "not now" (the caller answers 503, a
/// background service pauses and carries on) or a bug (it propagates as it is). The answers
/// Redis gives while it restarts, fails over or is cut off are built here as the client library
/// raises them; the LOADING a real restart gives is in <see cref="RedisOutageTests"/>.
/// </summary>
public sealed class RedisErrorTests : IDisposable
{
    private readonly RedisDatabase _redis = new(Options.Create(new StorageOptions
    {
        Provider = "Redis",
        Redis = new RedisStoreOptions { Configuration = RedisServer.Shared.Configuration, KeyPrefix = $"errors-{Guid.NewGuid():N}:" },
    }));

    public static TheoryData<string> NotNow() =>
    [
        "LOADING Redis is loading the dataset in memory",
        "EXECABORT Transaction discarded because of previous errors.",
        "READONLY You can't write against a read only replica.",
        "MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.",
        "BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSCRIPT.",
        "TRYAGAIN Multiple keys request during rehashing of slot",
        "CLUSTERDOWN The cluster is down",
        "NOREPLICAS Not enough good replicas to write.",
        "OOM command not allowed when used memory > 'maxmemory'.",
    ];

    [Theory]
    [MemberData(nameof(NotNow))]
    public async Task A_server_answer_that_means_not_now_is_the_store_being_unavailable(string answer)
    {
        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => _redis.RunAsync(_ => throw new RedisServerException(RedisErrorKind.Unknown, CommandFlags.None, answer), CancellationToken.None));

        Assert.Contains(answer, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_timeout_or_a_lost_connection_is_the_store_being_unavailable()
    {
        await Assert.ThrowsAsync<StoreUnavailableException>(() => _redis.RunAsync(_ => throw new RedisTimeoutException(CommandFlags.None, "Timeout awaiting response", CommandStatus.Sent), CancellationToken.None));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => _redis.RunAsync(_ => throw new RedisConnectionException(ConnectionFailureType.SocketClosed, CommandFlags.None, "The socket was closed", null, CommandStatus.Sent), CancellationToken.None));
        // The multiplexer abandoning a command (a transaction cut short) when nobody cancelled.
        await Assert.ThrowsAsync<StoreUnavailableException>(() => _redis.RunAsync(_ => throw new TaskCanceledException(), CancellationToken.None));
    }

    [Fact]
    public async Task Anything_else_is_a_bug_and_propagates_as_it_is()
    {
        await Assert.ThrowsAsync<RedisServerException>(() => _redis.RunAsync(_ => throw new RedisServerException(RedisErrorKind.Unknown, CommandFlags.None, "WRONGTYPE Operation against a key holding the wrong kind of value"), CancellationToken.None));
        await Assert.ThrowsAsync<RedisServerException>(() => _redis.RunAsync(_ => throw new RedisServerException(RedisErrorKind.Unknown, CommandFlags.None, "ERR unknown command 'NOPE'"), CancellationToken.None));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _redis.RunAsync(_ => Task.FromResult(true), cancelled.Token));
    }

    public void Dispose() => _redis.Dispose();
}
