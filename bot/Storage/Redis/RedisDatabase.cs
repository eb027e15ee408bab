using ChatOpsReply.Posts;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatOpsReply.Storage.Redis;

/// <summary>
/// The process's one <see cref="ConnectionMultiplexer"/>, the key prefix, and the mapping of
/// "Redis cannot answer now" failures to <see cref="StoreUnavailableException"/>. The
/// connection never gives up: while Redis is away a call fails with that exception once the
/// connection string's timeout has passed, and the multiplexer reconnects by itself when
/// Redis returns.
/// </summary>
public sealed class RedisDatabase : IDisposable
{
    // Server errors that mean "not now" rather than "bug" (redis.io/docs/latest/develop/reference/protocol-spec/#simple-errors).
    // EXECABORT: a MULTI/EXEC whose queued commands were refused, e.g. with LOADING after a restart (redis.io/docs/latest/develop/interact/transactions/#errors-inside-a-transaction).
    private static readonly string[] TransientErrors = ["LOADING", "BUSY", "READONLY", "MASTERDOWN", "TRYAGAIN", "CLUSTERDOWN", "NOREPLICAS", "OOM", "EXECABORT"];

    private readonly Lazy<Task<ConnectionMultiplexer>> _connection;
    private readonly string _endpoints;

    public RedisDatabase(IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var redis = options.Value.Redis;
        var configuration = ConfigurationOptions.Parse(redis.Configuration ?? "");
        // Start and keep retrying while Redis is down, rather than failing the service at start.
        configuration.AbortOnConnectFail = false;
        _endpoints = string.Join(", ", configuration.EndPoints);
        Keys = new RedisKeys(redis.KeyPrefix);
        // Connected on first use, asynchronously: a synchronous connect from many callers at once starves the thread pool.
        _connection = new Lazy<Task<ConnectionMultiplexer>>(() => ConnectionMultiplexer.ConnectAsync(configuration));
    }

    public RedisKeys Keys { get; }

    public async Task<IConnectionMultiplexer> ConnectionAsync() => await _connection.Value.ConfigureAwait(false);

    /// <summary>For callers that cannot wait asynchronously (the data protection key ring); connects if nobody has yet.</summary>
    public IDatabase Database => _connection.Value.GetAwaiter().GetResult().GetDatabase();

    public void Dispose()
    {
        if (_connection.IsValueCreated && _connection.Value.IsCompletedSuccessfully)
        {
            _connection.Value.Result.Dispose();
        }
    }

    /// <summary>Runs <paramref name="work"/> on the database, mapping unavailability.</summary>
    public async Task<T> RunAsync<T>(Func<IDatabase, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var connection = await _connection.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
            return await work(connection.GetDatabase()).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsUnavailable(e) || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // A cancellation nobody asked for is the multiplexer giving up on a command (a transaction's
            // queued commands when EXEC was aborted, a connection dropped): the store did not answer.
            throw new StoreUnavailableException($"The Redis store at {_endpoints} is unavailable ({e.GetType().Name}: {e.Message}).", e);
        }
    }

    public Task RunAsync(Func<IDatabase, Task> work, CancellationToken cancellationToken) =>
        RunAsync(async db =>
        {
            await work(db).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>Evaluates a prepared script with its parameters (an object whose RedisKey members are the script's keys).</summary>
    public Task<RedisResult> EvaluateAsync(LuaScript script, object parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(script);
        return RunAsync(db => script.EvaluateAsync(db, parameters), cancellationToken);
    }

    /// <summary>Whether StackExchange.Redis understands the connection string (checked at start, naming the key).</summary>
    public static bool IsValidConfiguration(string? configuration)
    {
        try
        {
            return ConfigurationOptions.Parse(configuration ?? "").EndPoints.Count > 0;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Whether the failure means "Redis cannot answer now": the one place that decides it, for every Redis store.</summary>
    internal static bool IsUnavailable(Exception e) => e switch
    {
        RedisConnectionException or RedisTimeoutException or TimeoutException => true,
        RedisServerException server => TransientErrors.Any(code => server.Message.StartsWith(code, StringComparison.Ordinal)),
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsUnavailable),
        _ => false,
    };
}
