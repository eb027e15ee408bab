using ChatOpsReply.Posts;

namespace ChatOpsReply.Storage.Sqlite;

public sealed class SqliteStoreHealth(SqliteDatabase database) : IStoreHealth
{
    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await database.RunAsync(async c => await c.ScalarAsync("SELECT 1", null, cancellationToken).ConfigureAwait(false) is not null, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException)
        {
            return false;
        }
    }
}
