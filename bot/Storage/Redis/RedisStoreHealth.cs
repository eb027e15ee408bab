using ChatOpsReply.Posts;

namespace ChatOpsReply.Storage.Redis;

public sealed class RedisStoreHealth(RedisDatabase redis) : IStoreHealth
{
    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            // Disconnected: say so at once rather than waiting for a ping to time out.
            return (await redis.ConnectionAsync().ConfigureAwait(false)).IsConnected
                && await redis.RunAsync(async db => await db.PingAsync().ConfigureAwait(false) >= TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException)
        {
            return false;
        }
    }
}
